/**
 * The Godot API as the library sees it. `godot.lib.api` rather than `godot`: GodotJS documents it
 * as the entry for library code, because it keeps Godot's snake_case names even in projects that
 * turn on camel-case bindings, so one bundle works in every project.
 */
import api from 'godot.lib.api';

export { api as godot };

/** Godot's `Error.OK` (0), which calls that can fail return on success. */
export const OK = 0;
