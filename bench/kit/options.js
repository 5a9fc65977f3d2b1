'use strict';
/**
 * Benchmark options, each from a flag (`--name value` or `--name=value`) or
 * an environment variable, checked against its range. `specs` maps an
 * option's key to `{ env, flag, fallback, min, max, integer }`; `lists` maps
 * a key to `{ env, flag, fallback, allowed }`, a comma-separated choice.
 */
function readOptions(specs, argv, env, lists = {}) {
  const flags = new Map();
  for (let i = 0; i < argv.length; i += 1) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match) throw new Error(`Unknown argument ${argv[i]}`);
    const value = match[2] !== undefined ? match[2] : argv[i + 1];
    if (value === undefined) throw new Error(`--${match[1]} needs a value`);
    if (match[2] === undefined) i += 1;
    flags.set(match[1], value);
  }
  const known = new Set([...Object.values(specs), ...Object.values(lists)].map((o) => o.flag));
  for (const name of flags.keys()) if (!known.has(name)) throw new Error(`Unknown option --${name}`);
  const options = {};
  for (const [key, spec] of Object.entries(specs)) {
    const raw = flags.has(spec.flag) ? flags.get(spec.flag) : env[spec.env];
    if (raw === undefined || raw === '') {
      options[key] = spec.fallback;
      continue;
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || value < spec.min || value > spec.max || (spec.integer && !Number.isInteger(value))) {
      throw new Error(`${spec.env} / --${spec.flag} must be ${spec.integer ? 'an integer' : 'a number'} between ${spec.min} and ${spec.max} (got "${raw}")`);
    }
    options[key] = value;
  }
  for (const [key, spec] of Object.entries(lists)) {
    const raw = flags.has(spec.flag) ? flags.get(spec.flag) : env[spec.env];
    const values = String(raw || spec.fallback).split(',').map((v) => v.trim()).filter(Boolean);
    for (const v of values) if (!spec.allowed.includes(v)) throw new Error(`${spec.env} / --${spec.flag} may name ${spec.allowed.join(', ')} (got "${v}")`);
    if (values.length === 0) throw new Error(`${spec.env} / --${spec.flag} names nothing`);
    options[key] = values;
  }
  return options;
}

module.exports = { readOptions };
