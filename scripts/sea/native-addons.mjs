// Which native addons the executable carries, found the way each package finds its own at
// run time, but on the build machine: the prebuild (or local build) for this platform and arch.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const rootRequire = createRequire(new URL('../../package.json', import.meta.url));

/** The folder of an installed package, or undefined when it is not installed (optional deps). */
const packageDir = (name, from = rootRequire) => {
  try {
    return dirname(from.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
};

/** node-gyp-build as the package itself would load it (its own nested copy, if any). */
const gypResolve = (dir) => {
  const req = createRequire(join(dir, 'package.json'));
  return req('node-gyp-build').resolve(dir);
};

/**
 * Every addon the backends may ask for on this platform: key → { file } or { missing: reason }.
 * `key` is what the esbuild plugin's virtual modules name.
 */
export function findAddons(platform = process.platform) {
  const out = {};
  const add = (key, find) => {
    try {
      const file = find();
      out[key] =
        file && existsSync(file)
          ? { file }
          : { missing: `${key} (no build for ${platform}-${process.arch})` };
    } catch (err) {
      out[key] = { missing: `${key} (${err.message.split('\n')[0]})` };
    }
  };
  const bindingsCpp = packageDir(
    '@serialport/bindings-cpp',
    createRequire(join(packageDir('serialport') ?? '.', 'package.json')),
  );
  add('serialport', () => bindingsCpp && gypResolve(bindingsCpp));
  const usb = packageDir('usb');
  add('usb', () => usb && gypResolve(usb));
  const hid = packageDir('node-hid');
  const hidResolve = (name) => () => {
    if (!hid) return undefined;
    const prebuilds = createRequire(join(hid, 'package.json'))('pkg-prebuilds/bindings');
    return prebuilds.resolve(hid, { name, napi_versions: [4] }, false, true);
  };
  add('node-hid/HID', hidResolve('HID'));
  // node-hid picks the hidraw build on Linux unless told otherwise.
  if (platform === 'linux') add('node-hid/HID_hidraw', hidResolve('HID_hidraw'));
  const noble = packageDir('@abandonware/noble');
  if (platform === 'linux' || platform === 'freebsd') {
    const hci =
      noble && packageDir('@abandonware/bluetooth-hci-socket', createRequire(join(noble, 'package.json')));
    add('bluetooth-hci-socket', () => hci && join(hci, 'build', 'Release', 'bluetooth_hci_socket.node'));
  } else {
    add('noble', () => noble && gypResolve(noble));
  }
  return out;
}

/** sha256 of a file, hex. */
export const fileHash = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
