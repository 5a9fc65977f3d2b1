'use strict';

/** Progress lines on stderr, so that stdout holds the JSON result alone. */
const progressLog = (name) => (message) => process.stderr.write(`[${name}] ${message}\n`);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { progressLog, sleep };
