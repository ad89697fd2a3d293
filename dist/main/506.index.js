export const id = 506;
export const ids = [506];
export const modules = {

/***/ 6506:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createLocalBackend: () => (/* reexport */ createLocalBackend)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/backend/local/command.ts
/** Locust command lines for one master and its workers on this machine (pure). */

/** CSV prefix inside the results folder: locust_stats.csv, locust_stats_history.csv, … */
const CSV_PREFIX = 'locust';
const LOOPBACK = '127.0.0.1';
/** Whether a locustfile defines a LoadTestShape subclass. */
function definesLoadShape(source) {
    return /^\s*class\s+\w+\s*\([^)]*\bLoadTestShape\b[^)]*\)\s*:/m.test(source);
}
function masterArgs(config, plan) {
    return [
        '-f',
        config.locustfile,
        '--master',
        '--master-bind-host',
        LOOPBACK,
        '--master-bind-port',
        String(plan.port),
        '--headless',
        ...(plan.loadShape
            ? []
            : [
                '-u',
                String(config.users),
                '-r',
                String(config.spawnRate),
                '-t',
                `${config.runTimeSeconds}s`
            ]),
        '--expect-workers',
        String(config.workers),
        '--expect-workers-max-wait',
        String(plan.workerWaitSeconds),
        '--csv',
        (0,external_node_path_.join)(config.resultsDir, CSV_PREFIX),
        '--csv-full-history',
        '--html',
        (0,external_node_path_.join)(config.resultsDir, 'report.html'),
        ...(config.host !== undefined ? ['-H', config.host] : []),
        ...config.locustArgs
    ];
}
/**
 * Workers get the user's extra flags too: user class names, tags and custom arguments are read on
 * the workers, and the rest is harmless there.
 */
function workerArgs(config, masterPort) {
    return [
        '-f',
        config.locustfile,
        '--worker',
        '--master-host',
        LOOPBACK,
        '--master-port',
        String(masterPort),
        ...config.locustArgs
    ];
}
/**
 * The version from `locust --version`: "locust 2.12.1" (2.12) or
 * "locust 2.32.1 from /…/site-packages/locust (python 3.12.3)" (current). Undefined when Locust
 * printed no version (Debian's package ships an empty one until repaired).
 */
function parseLocustVersion(output) {
    return /^locust\s+(\d[^\s]*)/m.exec(output.trim())?.[1];
}

;// CONCATENATED MODULE: ./src/backend/local/history.ts
/**
 * The latest live figures from the end of `<prefix>_stats_history.csv` while Locust writes it
 * (pure). Only the Aggregated row is read, and that row never holds quoted text, so splitting on
 * commas is exact for it; other rows are skipped.
 */
const COLUMNS = {
    timestamp: 'Timestamp',
    type: 'Type',
    name: 'Name',
    users: 'User Count',
    totalRequests: 'Total Request Count',
    totalFailures: 'Total Failure Count'
};
/**
 * Locust's own "Requests/s" column stays 0 on a 2.12 master, and workers report only every 3 s,
 * so the rate is measured from the totals over a window a little wider than that.
 *
 * @param header the file's first line
 * @param tail the last part of the file, which may start in the middle of a line
 */
function latestAggregatedSample(header, tail, windowSeconds = 6) {
    const headers = header.trim().split(',');
    const index = Object.fromEntries(Object.entries(COLUMNS).map(([key, column]) => [key, headers.indexOf(column)]));
    if (Object.values(index).some((position) => position === -1))
        return undefined;
    const lines = tail.split('\n');
    // The last line may be half written; a complete row always ends with a newline.
    lines.pop();
    let latest;
    let earliest;
    for (let i = lines.length - 1; i >= 0; i--) {
        const fields = lines[i].trimEnd().split(',');
        if (fields[index.name] !== 'Aggregated' || fields[index.type] !== '')
            continue;
        const row = {
            timestamp: Number(fields[index.timestamp]),
            users: Number(fields[index.users]),
            totalRequests: Number(fields[index.totalRequests]),
            totalFailures: Number(fields[index.totalFailures])
        };
        if (!Object.values(row).every(Number.isFinite))
            continue;
        latest ??= row;
        earliest = row;
        if (latest.timestamp - row.timestamp >= windowSeconds)
            break;
    }
    if (latest === undefined || earliest === undefined)
        return undefined;
    const seconds = latest.timestamp - earliest.timestamp;
    return {
        users: latest.users,
        rps: seconds > 0 ? (latest.totalRequests - earliest.totalRequests) / seconds : 0,
        totalRequests: latest.totalRequests,
        totalFailures: latest.totalFailures
    };
}

;// CONCATENATED MODULE: ./src/backend/local/log.ts
/**
 * Reading Locust's logs (pure): follows the master while it runs, and afterwards tells "the test
 * ran" apart from "Locust could not run", quoting the log lines that say why.
 */
const WORKERS_CONNECTED = /(\d+) workers connected|(\d+) of \d+ connected/;
const GAVE_UP_WAITING = /Gave up waiting for workers/;
const TEST_STARTED = /Run time limit set|Sending spawn jobs|Shape test starting/;
const TEST_ENDED = /run-time limit reached|Shape test stopping|Got SIGTERM|last worker quit|Shutting down/;
const LOG_TIME = /^\[(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d),(\d{3})\]/;
const PORT_BUSY = /master port \([^)]*\) was busy|Address already in use/;
const TRACEBACK_START = 'Traceback (most recent call last):';
const ERROR_LEVEL = /^\[[^\]]+\] [^/\s]+\/(ERROR|CRITICAL)\/[\w.]*: /;
const MAX_QUOTED_LINES = 10;
/** First lines of the stats tables Locust prints; a table ends at a blank line. */
const STATS_TABLE_HEADING = /^(Type\s+Name|Response time percentiles|Error report)/;
/** Follows the master's log as it grows: how many workers are connected, and what went wrong. */
class MasterLogWatcher {
    workersConnected = 0;
    gaveUpWaitingForWorkers = false;
    portBusy = false;
    /** When the master began the test proper (its workers ready) and ended it, in ms since the epoch. */
    testStartedAt;
    testEndedAt;
    partialLine = '';
    /** Feeds the next piece of the log; pieces may end in the middle of a line. */
    consume(chunk) {
        const lines = (this.partialLine + chunk).split('\n');
        this.partialLine = lines.pop() ?? '';
        for (const line of lines)
            this.consumeLine(line);
    }
    consumeLine(line) {
        const connected = WORKERS_CONNECTED.exec(line);
        if (connected)
            this.workersConnected = Number(connected[1] ?? connected[2]);
        if (GAVE_UP_WAITING.test(line))
            this.gaveUpWaitingForWorkers = true;
        if (PORT_BUSY.test(line))
            this.portBusy = true;
        if (this.testStartedAt === undefined && TEST_STARTED.test(line))
            this.testStartedAt = logTime(line);
        if (this.testStartedAt !== undefined &&
            this.testEndedAt === undefined &&
            TEST_ENDED.test(line)) {
            this.testEndedAt = logTime(line);
        }
    }
}
/** The time a log line was written: Locust writes local time, to the millisecond. */
function logTime(line) {
    const match = LOG_TIME.exec(line);
    if (!match)
        return undefined;
    const [year, month, day, hours, minutes, seconds, ms] = match.slice(1).map(Number);
    return new Date(year, month - 1, day, hours, minutes, seconds, ms).getTime();
}
/** The end of the last Python traceback: the failing file and line, its code and the error. */
function pythonErrorExcerpt(text) {
    const start = text.lastIndexOf(TRACEBACK_START);
    if (start === -1)
        return [];
    const lines = text.slice(start).split('\n');
    const errorIndex = lines.findIndex((line, index) => index > 0 && line !== '' && !/^\s/.test(line));
    if (errorIndex === -1)
        return [];
    const frames = lines.slice(1, errorIndex);
    const lastFrame = frames.findLastIndex((line) => line.startsWith('  File '));
    return [...frames.slice(Math.max(lastFrame, 0)), lines[errorIndex]].map((line) => line.trimEnd());
}
/** Log lines at ERROR or CRITICAL level, the last few of them. */
function errorLines(text) {
    return text
        .split('\n')
        .filter((line) => ERROR_LEVEL.test(line))
        .slice(-MAX_QUOTED_LINES)
        .map((line) => line.replace(ERROR_LEVEL, '$1 '));
}
/** Lines Locust printed outside its logger and its stats tables (e.g. a bare sys.stderr message). */
function strayLines(text) {
    const stray = [];
    let inTable = false;
    for (const line of text.split('\n').map((entry) => entry.trimEnd())) {
        if (line === '')
            inTable = false;
        else if (STATS_TABLE_HEADING.test(line))
            inTable = true;
        else if (!inTable && !LOG_TIME.test(line))
            stray.push(line);
    }
    return stray.slice(-MAX_QUOTED_LINES);
}
/** The lines worth quoting from a log that ended badly: a traceback, else errors, else stray lines. */
function relevantLines(text) {
    for (const lines of [pythonErrorExcerpt(text), errorLines(text), strayLines(text)]) {
        if (lines.length > 0)
            return lines;
    }
    return [];
}
/** Why Locust could not run, in words with the relevant log lines; undefined when the test ran. */
function diagnoseRun(evidence) {
    const { master, masterExit, workersExpected, workersConnected } = evidence;
    const masterLines = relevantLines(master.text);
    if (workersConnected < workersExpected) {
        if (pythonErrorExcerpt(master.text).length > 0) {
            return explain(`Locust could not load the locustfile ${evidence.locustfile}:`, masterLines, master.name);
        }
        if (!evidence.gaveUpWaitingForWorkers && masterLines.length > 0) {
            return explain('Locust could not start:', masterLines, master.name);
        }
        const workerLines = evidence.workersLost.flatMap((worker) => relevantLines(worker.text).map((line) => `${worker.name}: ${line}`));
        const waited = evidence.gaveUpWaitingForWorkers ? ' in time' : '';
        return explain(`Only ${workersConnected} of ${workersExpected} Locust workers connected to the master${waited}.`, workerLines.length > 0 ? workerLines : masterLines, workerLines.length > 0 ? 'the worker logs' : master.name);
    }
    if (!evidence.testStarted) {
        return explain('Locust stopped before the test started:', masterLines, master.name);
    }
    if (masterExit.code === null || masterExit.code > 1) {
        const how = masterExit.code === null
            ? `was ended by ${masterExit.signal}`
            : `exited with code ${masterExit.code}`;
        return explain(`The Locust master ${how} before the test completed.`, masterLines, master.name);
    }
    const lost = evidence.workersLost.filter((worker) => worker.exit.code !== 0);
    if (lost.length > 0) {
        const lines = lost.flatMap((worker) => {
            const why = relevantLines(worker.text);
            return why.length > 0
                ? why.map((line) => `${worker.name}: ${line}`)
                : [`${worker.name}: ${describeExit(worker.exit)}`];
        });
        return explain(`${lost.length} Locust worker(s) stopped during the test; the results are partial.`, lines, 'the worker logs');
    }
    return undefined;
}
function describeExit(exit) {
    return exit.code === null ? `ended by ${exit.signal}` : `exited with code ${exit.code}`;
}
function explain(summary, lines, source) {
    if (lines.length === 0)
        return `${summary} See ${source} for details.`;
    const quoted = lines.slice(-MAX_QUOTED_LINES).map((line) => `  ${line}`);
    return [summary, ...quoted, `(from ${source})`].join('\n');
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/backend/local/locust-runtime.ts
/**
 * Finding the installed Locust (or installing the requested version with pip), and starting it
 * through a small bootstrap on Locust's own Python.
 */




class LocustSetupError extends Error {
    constructor(message) {
        super(message);
        this.name = 'LocustSetupError';
    }
}
/**
 * Runs Locust's own `main()`, after making its CSV writer flush every second and at exit. Locust
 * (2.12 at least) flushes `_stats_history.csv` every 10 s only and drops the unflushed rows when it
 * exits, which leaves short runs without any history and hides live progress.
 */
const LOCUST_BOOTSTRAP = `
import atexit, sys
import locust.stats as stats
stats.CSV_STATS_FLUSH_INTERVAL_SEC = 1
writers = []
Writer = getattr(stats, "StatsCSVFileWriter", None)
if Writer is not None:
    original_init = Writer.__init__
    def tracked_init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        writers.append(self)
    Writer.__init__ = tracked_init
    def flush_all():
        for writer in writers:
            for name in ("requests_flush", "stats_history_flush", "failures_flush", "exceptions_flush"):
                try:
                    getattr(writer, name)()
                except Exception:
                    pass
    atexit.register(flush_all)
from locust.main import main
sys.argv[0] = "locust"
sys.exit(main())
`;
const INSTALL_HINT = 'Install it with `pip install locust` (or `apt-get install python3-locust` on Debian/Ubuntu), ' +
    'or give a `locust-version` so that it is installed with pip before the run.';
function runCommand(command, args, env, timeoutMs) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)(command, args, { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
            const output = `${stdout}${stderr}`;
            if (error && error.code === 'ENOENT')
                resolve({ started: false, exitCode: -1, output });
            else
                resolve({
                    started: true,
                    exitCode: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
                    output
                });
        });
    });
}
function findOnPath(name, env) {
    for (const folder of (env.PATH ?? '').split(external_node_path_.delimiter).filter(Boolean)) {
        const candidate = (0,external_node_path_.join)(folder, name);
        try {
            (0,external_node_fs_.accessSync)(candidate, external_node_fs_.constants.X_OK);
            return candidate;
        }
        catch {
            // not in this folder
        }
    }
    return undefined;
}
/** The Python interpreter named by a script's shebang ("#!/usr/bin/python3", "#!/usr/bin/env python3"). */
function pythonFromShebang(firstLine) {
    const match = /^#!\s*(.+)$/.exec(firstLine.trim());
    if (!match)
        return undefined;
    const words = match[1].trim().split(/\s+/);
    const interpreter = words[0].endsWith('/env') ? words.slice(1) : words;
    return interpreter.length > 0 && /(^|\/)python[\d.]*$/.test(interpreter[0])
        ? interpreter
        : undefined;
}
function firstLineOf(path) {
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        const buffer = Buffer.alloc(256);
        const bytesRead = (0,external_node_fs_.readSync)(fd, buffer, 0, buffer.length, 0);
        return buffer.toString('utf8', 0, bytesRead).split('\n')[0];
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** `locust` from PATH, run through the bootstrap on its own Python when its shebang names one. */
function locustOnPath(env) {
    const script = findOnPath('locust', env);
    if (script === undefined)
        return undefined;
    const python = pythonFromShebang(firstLineOf(script));
    return python
        ? { command: python[0], prefixArgs: [...python.slice(1), '-c', LOCUST_BOOTSTRAP] }
        : { command: script, prefixArgs: [] };
}
async function probe(locust, env) {
    const result = await runCommand(locust.command, [...locust.prefixArgs, '--version'], env, 60_000);
    if (!result.started || result.exitCode !== 0)
        return undefined;
    return { command: locust, version: parseLocustVersion(result.output) };
}
/** The Locust to run; installs the requested version when none is there. */
async function ensureLocust(options) {
    const candidate = options.locust ?? locustOnPath(options.env);
    const installed = candidate && (await probe(candidate, options.env));
    if (installed)
        return installed;
    const missing = candidate
        ? `\`${[candidate.command, ...candidate.prefixArgs.filter((arg) => arg !== LOCUST_BOOTSTRAP)].join(' ')} --version\` failed`
        : 'no `locust` command on PATH';
    if (options.version === undefined)
        throw new LocustSetupError(`Locust is not installed (${missing}). ${INSTALL_HINT}`);
    options.log(`Locust is not installed; installing locust==${options.version} with ${options.python} -m pip…`);
    // Runner images mark the system Python as externally managed (PEP 668); pip honours this opt-out.
    const env = { ...options.env, PIP_BREAK_SYSTEM_PACKAGES: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1' };
    const pip = await runCommand(options.python, ['-m', 'pip', 'install', '--quiet', `locust==${options.version}`], env, 10 * 60_000);
    if (!pip.started || pip.exitCode !== 0) {
        const tail = pip.output.trim().split('\n').slice(-8).join('\n');
        throw new LocustSetupError(`Installing locust==${options.version} with \`${options.python} -m pip\` failed` +
            (pip.started ? `:\n${tail}` : ` (${options.python} not found).`) +
            '\nCheck that this Locust version exists and that Python 3 with pip is available, or install Locust before this step.');
    }
    // pip may put the `locust` script in a folder that is not on PATH; the module always works.
    const afterInstall = await probe({ command: options.python, prefixArgs: ['-c', LOCUST_BOOTSTRAP] }, options.env);
    if (!afterInstall) {
        throw new LocustSetupError(`pip installed locust==${options.version}, but ${options.python} still cannot run it. ${INSTALL_HINT}`);
    }
    return afterInstall;
}

;// CONCATENATED MODULE: ./src/backend/local/process-groups.ts
/**
 * Child processes that each lead their own process group, so that stopping one stops everything
 * it started. Any group still alive when Node exits is killed, so a crash leaves no orphans.
 */


const liveGroups = new Set();
let exitHookInstalled = false;
function killGroup(pid, signal) {
    try {
        process.kill(-pid, signal);
        return true;
    }
    catch {
        return false; // ESRCH: nothing left in the group
    }
}
function groupAlive(pid) {
    return killGroup(pid, 0);
}
function installExitHook() {
    if (exitHookInstalled)
        return;
    exitHookInstalled = true;
    process.on('exit', () => {
        for (const pid of liveGroups)
            killGroup(pid, 'SIGKILL');
    });
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** SIGTERM to the whole group, SIGKILL to whatever is left after the grace period. */
async function terminateGroup(pid, graceMs) {
    if (!killGroup(pid, 'SIGTERM'))
        return false;
    const deadline = Date.now() + graceMs;
    while (groupAlive(pid) && Date.now() < deadline)
        await sleep(50);
    killGroup(pid, 'SIGKILL');
    return true;
}
/**
 * Stops process groups recorded by an earlier process (the action's post step after a crash or a
 * cancel); returns how many were still running.
 */
async function stopProcessGroups(pids, graceMs = 5_000) {
    const stopped = await Promise.all(pids.map((pid) => terminateGroup(pid, graceMs)));
    return stopped.filter(Boolean).length;
}
/** Starts `command` as the leader of a new process group; rejects when it cannot be started. */
async function startProcessGroup(command, args, options) {
    installExitHook();
    const logFd = (0,external_node_fs_.openSync)(options.logPath, 'w');
    const child = (0,external_node_child_process_.spawn)(command, args, {
        cwd: options.cwd,
        env: options.env,
        detached: true,
        stdio: ['ignore', logFd, logFd]
    });
    (0,external_node_fs_.closeSync)(logFd);
    await new Promise((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
    });
    const pid = child.pid;
    liveGroups.add(pid);
    let exitStatus;
    const exit = new Promise((resolve) => {
        child.once('exit', (code, signal) => {
            exitStatus = { code, signal };
            resolve(exitStatus);
        });
    });
    return {
        pid,
        exit,
        exited: () => exitStatus,
        async stop(graceMs) {
            if (!liveGroups.has(pid))
                return;
            await terminateGroup(pid, graceMs);
            await exit;
            liveGroups.delete(pid);
        }
    };
}

;// CONCATENATED MODULE: ./src/backend/local/reachability.ts
/** A quick TCP check that the target host answers at all, before starting Locust against it. */

/** Undefined when a TCP connection to the host's address and port opens; else why it did not. */
function whyUnreachable(host, timeoutMs) {
    const url = new URL(host);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    return new Promise((resolve) => {
        const socket = (0,external_node_net_.connect)({ host: hostname, port });
        const finish = (reason) => {
            socket.destroy();
            resolve(reason);
        };
        socket.setTimeout(timeoutMs, () => finish(`no answer from ${hostname}:${port} within ${timeoutMs / 1000} s`));
        socket.once('connect', () => finish(undefined));
        socket.once('error', (error) => finish(`${error.code ?? 'error'}: ${error.message}`));
    });
}

;// CONCATENATED MODULE: ./src/backend/local/backend.ts
/**
 * The `local` backend: one Locust master and N workers as processes on this machine, talking over
 * loopback. Every process leads its own process group and is stopped whatever way the run ends.
 */









const POLL_MS = 250;
const HOST_CHECK_TIMEOUT_MS = 5_000;
const PORT_ATTEMPTS = 3;
const LOG_EXCERPT_BYTES = 64 * 1024;
function createLocalBackend(options = {}) {
    const settings = {
        python: options.python ?? 'python3',
        env: { ...(options.env ?? process.env), PYTHONUNBUFFERED: '1' },
        stopGraceMs: options.stopGraceMs ?? 5_000,
        progressIntervalMs: options.progressIntervalMs ?? 2_000,
        workerWaitSeconds: options.workerWaitSeconds ?? 60,
        checkHost: options.checkHost ?? true
    };
    return {
        async run(config, hooks) {
            const log = hooks.log ?? (() => { });
            const facts = { backend: 'local' };
            const stopped = (error) => ({
                resultsDir: config.resultsDir,
                csvPrefix: CSV_PREFIX,
                error,
                partial: false,
                facts
            });
            await (0,promises_.mkdir)(config.resultsDir, { recursive: true });
            let locust;
            try {
                locust = await ensureLocust({
                    ...settings,
                    locust: options.locust,
                    version: config.locustVersion,
                    log
                });
            }
            catch (error) {
                if (error instanceof LocustSetupError)
                    return stopped(error.message);
                throw error;
            }
            facts.locustVersion = locust.version;
            if (locust.version === undefined) {
                log('Warning: `locust --version` printed no version; Locust 2.12 masters then reject their workers (run scripts/install-locust.sh to repair it).');
            }
            if (config.host !== undefined && settings.checkHost) {
                const reason = await whyUnreachable(config.host, HOST_CHECK_TIMEOUT_MS);
                if (reason !== undefined) {
                    return stopped(`Locust could not run: the host ${config.host} is unreachable (${reason}). Check the \`host\` input and that the service is up.`);
                }
            }
            if (hooks.signal?.aborted)
                return stopped('The run was cancelled before Locust started.');
            const loadShape = definesLoadShape(await (0,promises_.readFile)(config.locustfile, 'utf8'));
            if (loadShape)
                log('The locustfile defines a LoadTestShape: it sets users and spawn rate; run time still applies');
            for (let attempt = 1;; attempt++) {
                const run = new LocalRun(config, hooks, settings, locust.command, loadShape, facts);
                const outcome = await run.execute();
                if (!run.portWasBusy || attempt === PORT_ATTEMPTS)
                    return outcome;
                log('The master port was taken by another program meanwhile; retrying on another free port.');
            }
        }
    };
}
/** One attempt at a run: start everything, watch it, stop everything. */
class LocalRun {
    config;
    hooks;
    settings;
    locust;
    loadShape;
    facts;
    master;
    workers = [];
    watcher = new MasterLogWatcher();
    masterLogPath;
    masterLogOffset = 0;
    startedAt = Date.now();
    allConnectedAt;
    testStartAnnounced = false;
    workersAnnounced = 0;
    portWasBusy = false;
    constructor(config, hooks, settings, locust, loadShape, facts) {
        this.config = config;
        this.hooks = hooks;
        this.settings = settings;
        this.locust = locust;
        this.loadShape = loadShape;
        this.facts = facts;
        this.masterLogPath = (0,external_node_path_.join)(config.resultsDir, 'master.log');
    }
    log(line) {
        this.hooks.log?.(line);
    }
    async execute() {
        try {
            await this.start();
            const ending = await this.watch();
            return await this.conclude(ending);
        }
        finally {
            await this.stopAll();
        }
    }
    async start() {
        const { config, locust } = this;
        const port = await freePort();
        const spawnOptions = { cwd: config.workingDirectory, env: this.settings.env };
        this.startedAt = Date.now();
        this.facts.startedAt = new Date(this.startedAt).toISOString();
        this.master = await startProcessGroup(locust.command, [
            ...locust.prefixArgs,
            ...masterArgs(config, {
                port,
                workerWaitSeconds: this.settings.workerWaitSeconds,
                loadShape: this.loadShape
            })
        ], { ...spawnOptions, logPath: this.masterLogPath });
        this.hooks.onStarted?.({ processGroups: [this.master.pid] });
        for (let i = 1; i <= config.workers; i++) {
            const worker = await startProcessGroup(locust.command, [...locust.prefixArgs, ...workerArgs(config, port)], {
                ...spawnOptions,
                logPath: (0,external_node_path_.join)(config.resultsDir, `worker-${i}.log`)
            });
            this.workers.push(worker);
            this.hooks.onStarted?.({ processGroups: [worker.pid] });
        }
        const workerPids = this.workers.map((worker) => worker.pid).join(', ');
        this.log(`Started the Locust master (pid ${this.master.pid}) on ${LOOPBACK}:${port} and ${config.workers} worker(s) (pid ${workerPids}); logs in ${config.resultsDir}`);
    }
    async watch() {
        const master = this.master;
        const deadline = this.startedAt + this.config.timeoutMinutes * 60_000;
        const { signal } = this.hooks;
        const aborted = new Promise((resolve) => {
            if (signal?.aborted)
                resolve();
            signal?.addEventListener('abort', () => resolve(), { once: true });
        });
        let nextProgressAt = 0;
        for (;;) {
            await Promise.race([master.exit, aborted, backend_sleep(POLL_MS)]);
            await this.followMasterLog();
            if (master.exited())
                return 'completed';
            if (signal?.aborted)
                return 'cancelled';
            if (Date.now() >= deadline)
                return 'timeout';
            if (this.loadShapeOutOfTime())
                return 'run-time';
            if (this.allConnectedAt === undefined && this.workers.every((worker) => worker.exited()))
                return 'workers-lost';
            if (Date.now() >= nextProgressAt) {
                nextProgressAt = Date.now() + this.settings.progressIntervalMs;
                await this.reportProgress();
            }
        }
    }
    /** A load shape runs until it ends itself; Locust 2.12 leaves its run time to the backend. */
    loadShapeOutOfTime() {
        const { testStartedAt } = this.watcher;
        if (!this.loadShape || testStartedAt === undefined)
            return false;
        if (Date.now() < testStartedAt + this.config.runTimeSeconds * 1000)
            return false;
        this.log(`The run time (${this.config.runTime}) is over while the load shape still runs; stopping Locust`);
        return true;
    }
    async followMasterLog() {
        const { text, nextOffset } = await readFrom(this.masterLogPath, this.masterLogOffset);
        this.masterLogOffset = nextOffset;
        this.watcher.consume(text);
        const connected = this.watcher.workersConnected;
        if (connected > this.workersAnnounced) {
            this.workersAnnounced = connected;
            this.facts.workersConnected = connected;
            this.log(`${connected} of ${this.config.workers} workers connected`);
        }
        if (this.allConnectedAt === undefined && connected >= this.config.workers) {
            this.allConnectedAt = Date.now();
            const seconds = ((this.allConnectedAt - this.startedAt) / 1000).toFixed(1);
            this.log(`All ${this.config.workers} workers connected ${seconds} s after start`);
        }
        if (!this.testStartAnnounced && this.watcher.testStartedAt !== undefined) {
            this.testStartAnnounced = true;
            this.log(this.loadShape
                ? `The test started; its load shape ends it, within ${this.config.runTime}`
                : `The test started; it runs for ${this.config.runTime}`);
        }
    }
    async reportProgress() {
        const { testStartedAt } = this.watcher;
        const progress = {
            elapsedSeconds: testStartedAt === undefined
                ? 0
                : Math.max(0, Math.round((Date.now() - testStartedAt) / 1000)),
            totalSeconds: this.config.runTimeSeconds
        };
        if (this.allConnectedAt === undefined) {
            progress.message = `waiting for workers: ${this.watcher.workersConnected} of ${this.config.workers} connected`;
        }
        else {
            const sample = await readLatestSample((0,external_node_path_.join)(this.config.resultsDir, `${CSV_PREFIX}_stats_history.csv`));
            if (sample) {
                progress.users = sample.users;
                progress.rps = sample.rps;
                progress.failRatio =
                    sample.totalRequests > 0 ? sample.totalFailures / sample.totalRequests : 0;
            }
        }
        this.hooks.onProgress?.(progress);
    }
    async conclude(ending) {
        const { config, facts } = this;
        // Workers quit on their own when the master ends the test: only failures before that count.
        const testStarted = this.allConnectedAt !== undefined;
        const earlyWorkerExits = this.workers.flatMap((worker, index) => {
            const exit = worker.exited();
            return exit && (!testStarted || exit.code !== 0) ? [{ index, exit }] : [];
        });
        const endedAt = Date.now();
        // Stopping first lets a cancelled or timed-out master write its CSVs before they are read.
        await this.stopAll();
        facts.endedAt = new Date(endedAt).toISOString();
        facts.workersConnected = this.watcher.workersConnected;
        const { testStartedAt, testEndedAt } = this.watcher;
        if (testStartedAt !== undefined) {
            facts.durationSeconds = Math.round(((testEndedAt ?? endedAt) - testStartedAt) / 100) / 10;
        }
        const masterExit = this.master.exited();
        const master = { name: 'master.log', text: await readExcerpt(this.masterLogPath) };
        const outcome = {
            resultsDir: config.resultsDir,
            csvPrefix: CSV_PREFIX,
            partial: false,
            facts
        };
        if (ending === 'cancelled' || ending === 'timeout') {
            const why = ending === 'cancelled'
                ? 'The run was cancelled'
                : `The run did not finish within timeout-minutes (${config.timeoutMinutes} min), so Locust was stopped`;
            const lines = relevantLines(master.text);
            const tail = testStarted
                ? '; the results cover only the part that ran.'
                : ' before the test started.';
            outcome.error = [`${why}${tail}`, ...lines.map((line) => `  ${line}`)].join('\n');
            outcome.partial = testStarted;
            return outcome;
        }
        this.portWasBusy = !testStarted && this.watcher.portBusy;
        const workersLost = [];
        for (const { index, exit } of earlyWorkerExits) {
            const name = `worker-${index + 1}.log`;
            workersLost.push({ name, exit, text: await readExcerpt((0,external_node_path_.join)(config.resultsDir, name)) });
        }
        outcome.error = diagnoseRun({
            master,
            masterExit,
            workersExpected: config.workers,
            workersConnected: this.watcher.workersConnected,
            gaveUpWaitingForWorkers: this.watcher.gaveUpWaitingForWorkers,
            testStarted: this.watcher.testStartedAt !== undefined,
            workersLost,
            locustfile: config.locustfile
        });
        if (testStarted && masterExit.code !== null)
            outcome.locustExitCode = masterExit.code;
        outcome.partial = testStarted && outcome.error !== undefined;
        this.log(`The Locust master ${describeExit(masterExit)}`);
        return outcome;
    }
    async stopAll() {
        const grace = this.settings.stopGraceMs;
        // The master first, so that it can tell its workers to quit and write its results.
        await this.master?.stop(grace);
        await Promise.all(this.workers.map((worker) => worker.stop(grace)));
    }
}
const backend_sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function freePort() {
    return new Promise((resolve, reject) => {
        const server = (0,external_node_net_.createServer)();
        server.once('error', reject);
        server.listen(0, LOOPBACK, () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}
/** What was appended to a file since `offset` (nothing when the file does not exist yet). */
async function readFrom(path, offset) {
    let file;
    try {
        file = await (0,promises_.open)(path, 'r');
    }
    catch {
        return { text: '', nextOffset: offset };
    }
    try {
        const { size } = await file.stat();
        if (size <= offset)
            return { text: '', nextOffset: offset };
        const buffer = Buffer.alloc(size - offset);
        const { bytesRead } = await file.read(buffer, 0, buffer.length, offset);
        return { text: buffer.toString('utf8', 0, bytesRead), nextOffset: offset + bytesRead };
    }
    finally {
        await file.close();
    }
}
/** A log small enough to quote from: the whole file, or its beginning and end. */
async function readExcerpt(path) {
    const size = await (0,promises_.stat)(path).then((info) => info.size, () => 0);
    if (size <= 2 * LOG_EXCERPT_BYTES)
        return (await readFrom(path, 0)).text;
    const head = await readSlice(path, 0, LOG_EXCERPT_BYTES);
    const tail = await readSlice(path, size - LOG_EXCERPT_BYTES, LOG_EXCERPT_BYTES);
    return `${head}\n…\n${tail}`;
}
async function readSlice(path, position, length) {
    const file = await (0,promises_.open)(path, 'r');
    try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await file.read(buffer, 0, length, position);
        return buffer.toString('utf8', 0, bytesRead);
    }
    finally {
        await file.close();
    }
}
async function readLatestSample(path) {
    const size = await (0,promises_.stat)(path).then((info) => info.size, () => 0);
    if (size === 0)
        return undefined;
    const header = (await readSlice(path, 0, 4096)).split('\n')[0];
    const tailStart = Math.max(0, size - LOG_EXCERPT_BYTES);
    return latestAggregatedSample(header, await readSlice(path, tailStart, size - tailStart));
}

;// CONCATENATED MODULE: ./src/backend/local/index.ts



/***/ })

};
