// A stand-in for GodotJS's `godot`, `godot.lib.api` and `godot.annotations` modules: just the
// API the binding and its script template use, with Godot's rules where they matter (a
// WebSocketPeer moves only inside poll(); pipes are non-blocking; OS.kill kills). Plain
// CommonJS with no Node API, so it runs in QuickJS too. Everything outside the engine — real
// sockets, processes, files, sleeping — is done by `host` (see host.ts), called synchronously.
'use strict';

module.exports = function createGodot(host) {
  const Error = { OK: 0, FAILED: 1, ERR_FILE_CANT_READ: 14, ERR_FILE_EOF: 18 };
  const STATE = { STATE_CONNECTING: 0, STATE_OPEN: 1, STATE_CLOSING: 2, STATE_CLOSED: 3 };

  class PackedByteArray {
    constructor(text) {
      this._text = text;
    }
    get_string_from_utf8() {
      return this._text;
    }
  }

  class WebSocketPeer {
    constructor() {
      this._id = -1;
      this._state = STATE.STATE_CLOSED;
      this._in = [];
      this._out = [];
      this._close = undefined;
      this._code = -1;
      this._reason = '';
    }
    connect_to_url(url) {
      if (!/^wss?:\/\//.test(url)) return Error.FAILED;
      this._id = host.wsOpen(url);
      this._state = STATE.STATE_CONNECTING;
      return Error.OK;
    }
    send_text(text) {
      if (this._state !== STATE.STATE_OPEN) return Error.FAILED;
      this._out.push(String(text));
      return Error.OK;
    }
    // Like Godot's: queued frames go out, arrived frames become packets, the state moves — here only.
    poll() {
      if (this._id < 0) return;
      for (const text of this._out.splice(0)) host.wsSend(this._id, text);
      if (this._close) {
        host.wsClose(this._id, this._close.code, this._close.reason);
        this._close = undefined;
      }
      const r = JSON.parse(host.wsTake(this._id));
      for (const f of r.frames) this._in.push(f);
      // A closing peer stays CLOSING until the socket has really closed.
      this._state =
        this._state === STATE.STATE_CLOSING && r.state === STATE.STATE_OPEN ? STATE.STATE_CLOSING : r.state;
      this._code = r.code;
      this._reason = r.reason;
    }
    close(code = 1000, reason = '') {
      if (this._state === STATE.STATE_CLOSED) return;
      this._close = { code, reason };
      this._state = STATE.STATE_CLOSING;
    }
    get_ready_state() {
      return this._state;
    }
    get_available_packet_count() {
      return this._in.length;
    }
    get_packet() {
      return new PackedByteArray(this._in.shift() ?? '');
    }
    was_string_packet() {
      return true;
    }
    get_close_code() {
      return this._code;
    }
    get_close_reason() {
      return this._reason;
    }
    get_current_outbound_buffered_amount() {
      return this._out.reduce((n, t) => n + t.length, 0);
    }
  }
  WebSocketPeer.State = STATE;

  /** The stdio pipe of execute_with_pipe(…, false): non-blocking reads, close() closes stdin too. */
  class PipeFile {
    constructor(pid) {
      this._pid = pid;
      this._buf = '';
      this._err = Error.OK;
      this._closed = false;
    }
    get_8() {
      // pid -1: the stderr pipe, which the host does not forward (nothing reads it).
      if (this._closed || this._pid < 0) return ((this._err = Error.ERR_FILE_CANT_READ), 0);
      if (this._buf.length === 0) this._buf = host.procRead(this._pid);
      if (this._buf.length === 0) return ((this._err = Error.ERR_FILE_CANT_READ), 0);
      this._err = Error.OK;
      const byte = this._buf.charCodeAt(0);
      this._buf = this._buf.slice(1);
      return byte;
    }
    get_error() {
      return this._err;
    }
    close() {
      if (this._closed) return;
      this._closed = true;
      host.procCloseStdin(this._pid);
    }
  }

  class GDictionary {
    constructor(object) {
      this._o = object || {};
    }
    static create(object) {
      return new GDictionary(object);
    }
    size() {
      return Object.keys(this._o).length;
    }
    get_keyed(key) {
      return key in this._o ? this._o[key] : null;
    }
    proxy() {
      return Object.assign({}, this._o);
    }
  }

  const FileAccess = {
    get_file_as_string: (path) => host.readFile(path),
    file_exists: (path) => host.fileExists(path),
  };

  const DirAccess = {
    remove_absolute: (path) => (host.removeFile(path) ? Error.OK : Error.FAILED),
  };

  // Microseconds since the engine started, like Godot's (monotonic enough for the tests).
  const started = Date.now();
  const Time = {
    get_ticks_usec: () => (Date.now() - started) * 1000,
  };

  const OS = {
    execute_with_pipe(path, args, _blocking) {
      const pid = host.procStart(path, JSON.stringify(Array.from(args)), true);
      return pid < 0
        ? new GDictionary({})
        : new GDictionary({ pid, stdio: new PipeFile(pid), stderr: new PipeFile(-1) });
    },
    create_process: (path, args) => host.procStart(path, JSON.stringify(Array.from(args)), false),
    kill: (pid) => (host.procKill(pid), Error.OK),
    is_process_running: (pid) => host.procRunning(pid),
    delay_msec: (ms) => host.sleep(ms),
    get_executable_path: () => host.executablePath(),
    get_temp_dir: () => host.tempDir(),
    get_process_id: () => host.processId(),
    has_feature: () => false,
  };

  const GodotJSON = { stringify: (v) => JSON.stringify(v instanceof GDictionary ? v._o : v) };

  class Callable {
    constructor(self, fn) {
      this._self = self;
      this._fn = fn;
    }
    static create(self, fn) {
      return fn === undefined ? new Callable(undefined, self) : new Callable(self, fn);
    }
    call(...args) {
      return this._fn.apply(this._self, args);
    }
  }

  class Signal {
    constructor(object, name) {
      this._object = object;
      this._name = name;
      this._targets = [];
    }
    connect(callable) {
      this._targets.push(callable);
      return Error.OK;
    }
    emit(...args) {
      for (const t of this._targets.slice()) t.call(...args);
    }
    get_name() {
      return this._name;
    }
  }

  class Object_ {}
  class Node extends Object_ {}
  Node.NOTIFICATION_WM_CLOSE_REQUEST = 1006;
  Node.NOTIFICATION_PREDELETE = 1;

  const Variant = { Type: { TYPE_NIL: 0, TYPE_BOOL: 1, TYPE_INT: 2, TYPE_FLOAT: 3, TYPE_STRING: 4 } };

  const godot = {
    Error,
    WebSocketPeer,
    PackedByteArray,
    GDictionary,
    FileAccess,
    DirAccess,
    Time,
    OS,
    JSON: GodotJSON,
    Callable,
    Signal,
    Object: Object_,
    Node,
    Variant,
  };

  // createClassBinder(): records what the script declares (for tests), gives signals an accessor.
  function createClassBinder() {
    const exports_ = [];
    const signals = [];
    const bind = () => (target) => {
      target.__exports = exports_;
      target.__signals = signals;
    };
    const exporter = (hint) => (_target, context) => {
      exports_.push({ name: context.name, hint });
    };
    bind.export = (type, options) => exporter({ type, options });
    bind.export.range = (min, max, step) =>
      exporter({ type: Variant.Type.TYPE_FLOAT, range: [min, max, step] });
    bind.signal = () => (_target, context) => {
      signals.push(context.name);
      const key = '__signal_' + context.name;
      return {
        get() {
          if (!this[key]) this[key] = new Signal(this, context.name);
          return this[key];
        },
        set() {},
      };
    };
    return bind;
  }

  return {
    godot,
    libApi: Object.assign({}, godot, {
      jsb: { impl: 'stand-in', CAMEL_CASE_BINDINGS_ENABLED: false },
      proxy: {},
    }),
    annotations: { createClassBinder },
  };
};
