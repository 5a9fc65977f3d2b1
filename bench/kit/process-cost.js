'use strict';
/**
 * What a server process costs while a benchmark phase runs, read from /proc:
 * its CPU and resident memory, this process's CPU and event-loop delay (the
 * clients: when they are busy, they may set the pace rather than the server)
 * and what the rest of the machine used meanwhile.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const { monitorEventLoopDelay } = require('node:perf_hooks');
const { round } = require('./histogram');

/** Other processes taking a quarter of a core or more during a measured phase make a run disturbed. */
const DISTURBED_OTHER_CPU_PCT = 25;

function clockTicksPerSecond() {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch (error) {
    process.stderr.write(`getconf CLK_TCK failed (${error.message}); assuming 100 ticks per second\n`);
    return 100;
  }
}
const CLK_TCK = clockTicksPerSecond();

/** CPU ticks (user + system) and resident memory of a process, from /proc. */
function sampleProcess(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number((/^VmRSS:\s+(\d+)/m.exec(status) || [])[1] || 0);
  return { ticks, rssKb, at: performance.now() };
}

/** Busy CPU ticks of the whole machine (every core), from /proc/stat. */
function sampleMachine() {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return user + nice + system + irq + softirq + (steal || 0);
}

/**
 * One server's cost over a phase, summed over its measured segments: the
 * server's CPU (a percentage of one core) and resident memory (at the end,
 * and the peak sampled every 250 ms), this process's CPU and event-loop
 * delay, and `otherCpuPct`, what the rest of the machine used meanwhile (on
 * a shared machine, a large value means the figures are disturbed).
 * `onSampleError` hears of a server that can no longer be sampled.
 */
class PhaseCost {
  constructor(onSampleError = () => {}) {
    this.onSampleError = onSampleError;
    this.seconds = 0;
    this.serverTicks = 0;
    this.clientMicros = 0;
    this.machineTicks = 0;
    this.rssKb = 0;
    this.peakKb = 0;
    this.loop = monitorEventLoopDelay({ resolution: 10 });
  }

  async measure(pid, run) {
    const machineBefore = sampleMachine();
    const before = sampleProcess(pid);
    const cpuBefore = process.cpuUsage();
    this.loop.enable();
    this.peakKb = Math.max(this.peakKb, before.rssKb);
    const sampler = setInterval(() => {
      try {
        this.peakKb = Math.max(this.peakKb, sampleProcess(pid).rssKb);
      } catch (error) {
        this.onSampleError(error);
        clearInterval(sampler);
      }
    }, 250);
    try {
      const result = await run();
      const after = sampleProcess(pid);
      const cpu = process.cpuUsage(cpuBefore);
      this.machineTicks += sampleMachine() - machineBefore;
      this.seconds += (after.at - before.at) / 1000;
      this.serverTicks += after.ticks - before.ticks;
      this.clientMicros += cpu.user + cpu.system;
      this.rssKb = after.rssKb;
      this.peakKb = Math.max(this.peakKb, after.rssKb);
      return result;
    } finally {
      clearInterval(sampler);
      this.loop.disable();
    }
  }

  summary() {
    const serverPct = (this.serverTicks / CLK_TCK / this.seconds) * 100;
    const clientPct = (this.clientMicros / 1e6 / this.seconds) * 100;
    const machinePct = (this.machineTicks / CLK_TCK / this.seconds) * 100;
    return {
      server: { cpuPct: round(serverPct), rssMb: round(this.rssKb / 1024), rssPeakMb: round(this.peakKb / 1024) },
      client: { cpuPct: round(clientPct), loopDelayP99Ms: round(this.loop.percentile(99) / 1e6) },
      machine: { busyPct: round(machinePct), otherCpuPct: round(Math.max(0, machinePct - serverPct - clientPct)) },
    };
  }
}

/**
 * The machine a run was measured on, for its JSON: cores, Node, kernel, the
 * load when it started and the most the other processes took during a
 * measured phase (null when not measured). A run is disturbed when others
 * took a quarter of a core or more: compare runs before trusting its figures.
 */
function machineFigures(loadAtStart, maxOtherCpuPct) {
  return {
    cpus: os.cpus().length,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage1mAtStart: round(loadAtStart, 2),
    maxOtherCpuPct,
    disturbed: maxOtherCpuPct === null ? null : maxOtherCpuPct >= DISTURBED_OTHER_CPU_PCT,
  };
}

module.exports = { DISTURBED_OTHER_CPU_PCT, machineFigures, PhaseCost, sampleMachine, sampleProcess };
