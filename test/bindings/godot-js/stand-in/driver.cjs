// Plays the scene tree's part for the script template, inside the engine under test: makes the
// node, sets its exported properties, calls _ready, _process each tick and _exit_tree at quit,
// and records every signal it emits. Strings in and out, so QuickJS and Node drive it alike.
'use strict';

module.exports = function createDriver(require) {
  const godot = require('godot');
  const signals = [];
  const media = { position: 0, playing: false };
  let node;
  const arg = (a) => {
    if (a && typeof a === 'object' && a.__dict) return godot.GDictionary.create(a.__dict);
    if (a && typeof a === 'object' && a.__media)
      return {
        get_playback_position: () => media.position,
        get playing() {
          return media.playing;
        },
        pitch_scale: 1,
      };
    return a;
  };
  return {
    boot(propsJson) {
      const Plugkit = require('plugkit-template').default;
      node = new Plugkit();
      const props = JSON.parse(propsJson);
      for (const key of Object.keys(props)) node[key] = props[key];
      for (const name of Plugkit.__signals)
        node[name].connect(godot.Callable.create(node, (...args) => signals.push([name].concat(args))));
      node._ready();
      return JSON.stringify({ exports: Plugkit.__exports.map((e) => e.name), signals: Plugkit.__signals });
    },
    tick() {
      node._process(1 / 60);
    },
    call(method, argsJson) {
      const result = node[method].apply(node, JSON.parse(argsJson).map(arg));
      return JSON.stringify(result === undefined ? null : result);
    },
    setMedia(position, playing) {
      media.position = position;
      media.playing = playing;
    },
    takeSignals() {
      return JSON.stringify(signals.splice(0));
    },
    quit() {
      node._exit_tree();
    },
    helperPid() {
      const pid = node.plugkit && node.plugkit.helperPid;
      return pid === undefined ? -1 : pid;
    },
  };
};
