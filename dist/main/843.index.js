export const id = 843;
export const ids = [843,760];
export const modules = {

/***/ 72760:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   stopRun: () => (/* binding */ stopRun)
/* harmony export */ });
/* unused harmony export STOP_TASK_RATE */
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(80212);
/* harmony import */ var _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(18476);
/* harmony import */ var bottleneck__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(62203);
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5044);
/* harmony import */ var _stage_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(87814);
/* harmony import */ var _tasks_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(77462);






/**
 * How fast StopTask may be called: ECS throttles it per account and region with a token bucket
 * (a burst, then a steady refill). Calls past it would fail with ThrottlingException and be retried
 * after pauses that a cancelled step, killed seconds after its signal, may not have.
 */
const STOP_TASK_RATE = { burst: 100, perSecond: 40 };
/**
 * Stops a run, in the order that matters when the runner kills a cancelled step about 10 s after
 * its signal: the master first (its workers have nothing left to do, and it uploads what it
 * measured), then every worker at once as fast as ECS takes StopTask, then the execution, then the
 * tasks it may have launched in between. Deletes the staged host URL last. Safe to call more than
 * once (the post step sweeps what is left); an execution or task that already ended is left alone.
 */
async function stopRun(execution, log, clients = (0,_clients_js__WEBPACK_IMPORTED_MODULE_2__/* .createAwsClients */ .G)(execution.region)) {
    let stopped = 0;
    if (execution.cluster)
        stopped += await stopRunTasks(clients.ecs, execution);
    const { status } = await clients.stepFunctions.send(new _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_3__/* .DescribeExecutionCommand */ .tVP({ executionArn: execution.arn }));
    if (status === 'RUNNING') {
        await clients.stepFunctions.send(new _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_3__/* .StopExecutionCommand */ .WP$({
            executionArn: execution.arn,
            error: 'DistributedLocust.Cancelled',
            cause: 'The workflow step was cancelled or stopped.'
        }));
        log(`Stopped execution ${execution.arn}.`);
        // Tasks it launched while the first ones were being stopped.
        if (execution.cluster)
            stopped += await stopRunTasks(clients.ecs, execution);
    }
    if (stopped > 0)
        log(`Stopped ${stopped} ECS task(s) of run ${execution.runId}.`);
    if (execution.stagedHost)
        await (0,_stage_js__WEBPACK_IMPORTED_MODULE_1__/* .deleteStagedHost */ .Uu)(execution.stagedHost, clients.s3, log);
}
/** Stops the run's tasks still meant to run, its master first; returns how many. */
async function stopRunTasks(ecs, run) {
    const cluster = run.cluster;
    const arns = await (0,_tasks_js__WEBPACK_IMPORTED_MODULE_4__/* .listRunTaskArns */ .Ff)(ecs, cluster, run.runId);
    const reason = `distributed-locust: run ${run.runId} stopped`;
    const stop = (task) => ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_5__/* .StopTaskCommand */ .PP1({ cluster, task, reason }));
    const limiter = new bottleneck__WEBPACK_IMPORTED_MODULE_0__({
        reservoir: STOP_TASK_RATE.burst,
        reservoirIncreaseMaximum: STOP_TASK_RATE.burst,
        // Refilled in tenths of a second, so the calls after the burst go out evenly. Bottleneck
        // refills only on its heartbeat (every 250 ms by default): that would be 16 calls a second.
        reservoirIncreaseAmount: STOP_TASK_RATE.perSecond / 10,
        reservoirIncreaseInterval: 100,
        heartbeatInterval: 100
    });
    const master = arns.find((arn) => arn === run.masterTaskArn);
    try {
        if (master)
            await limiter.schedule(() => stop(master));
        const workers = arns.filter((arn) => arn !== master);
        await Promise.all(workers.map((task) => limiter.schedule(() => stop(task))));
    }
    finally {
        await limiter.disconnect();
    }
    return arns.length;
}


/***/ }),

/***/ 5044:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ createAwsClients),
/* harmony export */   r: () => (/* binding */ awsClientConfig)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3805);
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(80212);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(53711);
/* harmony import */ var _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(18476);




/**
 * Clients for one region. Credentials come from the SDK's standard chain (environment, OIDC web
 * identity as set up by aws-actions/configure-aws-credentials, profiles); endpoints honour
 * AWS_ENDPOINT_URL_<SERVICE>. The SDK's adaptive retry mode backs off with jitter on throttling.
 */
function awsClientConfig(region) {
    return { region, maxAttempts: 6, retryMode: 'adaptive' };
}
function createAwsClients(region) {
    const common = awsClientConfig(region);
    return {
        cloudFormation: new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_0__/* .CloudFormationClient */ .m1N(common),
        stepFunctions: new _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_1__/* .SFNClient */ .ZIB(common),
        ecs: new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .ECSClient */ .Zgc(common),
        s3: new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__/* .S3Client */ .YxF(common)
    };
}


/***/ }),

/***/ 77322:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ credentialsLifetime),
/* harmony export */   t: () => (/* binding */ credentialsLifetimeProblem)
/* harmony export */ });
/**
 * How long the AWS credentials at hand last, against how long a run may take.
 * aws-actions/configure-aws-credentials hands out one-hour credentials unless
 * `role-duration-seconds` asks for more, and exports no expiry with them; a run that outlives its
 * credentials can no longer be followed, stopped or have its results downloaded.
 */
/** Environment variables that tools exporting temporary credentials set to their expiry. */
const EXPIRY_VARIABLES = ['AWS_SESSION_EXPIRATION', 'AWS_CREDENTIAL_EXPIRATION'];
/** How long configure-aws-credentials' credentials last unless `role-duration-seconds` is set. */
const DEFAULT_SESSION_MINUTES = 60;
/** The expiry named by the environment, when one of EXPIRY_VARIABLES holds a valid time. */
function expiryFromEnv(env) {
    for (const name of EXPIRY_VARIABLES) {
        const text = env[name];
        if (text && !Number.isNaN(Date.parse(text)))
            return new Date(text);
    }
    return undefined;
}
/**
 * The credentials' lifetime: the expiry from the environment, else as the SDK's credential
 * provider reports it (the STS expiry of assumed-role, web-identity or SSO credentials), else
 * whether the environment holds a session of unknown length.
 */
async function credentialsLifetime(env, provider) {
    let at = expiryFromEnv(env);
    if (!at && provider) {
        try {
            at = (await provider()).expiration;
        }
        catch {
            // No credentials at all: the first call to AWS says so.
        }
    }
    if (at)
        return { kind: 'expires', at };
    return env.AWS_SESSION_TOKEN ? { kind: 'session-of-unknown-length' } : { kind: 'no-known-end' };
}
/** `role-duration-seconds` that covers `timeoutMinutes` with five minutes to spare (STS: 900–43200). */
function roleDurationFor(timeoutMinutes) {
    return Math.min(43_200, Math.max(900, Math.ceil((timeoutMinutes + 5) * 60)));
}
/**
 * What is wrong when the credentials may end before `timeoutMinutes` is up: they expire first, or
 * they are a session of unknown length and the timeout is longer than the usual hour.
 */
function credentialsLifetimeProblem(lifetime, nowMs, timeoutMinutes) {
    const ask = `Ask for longer credentials: \`role-duration-seconds: ${roleDurationFor(timeoutMinutes)}\` for aws-actions/configure-aws-credentials (the role's MaxSessionDuration must allow it; the stack's GitHub role allows 12 h).`;
    const consequence = 'a run that outlives them can no longer be followed, stopped or collected (its tasks still stop at the deadline)';
    if (lifetime.kind === 'expires') {
        const remainingMinutes = (lifetime.at.getTime() - nowMs) / 60_000;
        if (remainingMinutes >= timeoutMinutes)
            return undefined;
        const left = remainingMinutes <= 0 ? 'have expired' : `expire in ${Math.floor(remainingMinutes)} min`;
        return {
            message: `The AWS credentials ${left} (${lifetime.at.toISOString()}), before the ${timeoutMinutes}-minute timeout is up: ${consequence}.`,
            fix: ask
        };
    }
    if (lifetime.kind === 'session-of-unknown-length' && timeoutMinutes > DEFAULT_SESSION_MINUTES) {
        return {
            message: `The AWS credentials are a session of unknown length, and aws-actions/configure-aws-credentials makes them last ${DEFAULT_SESSION_MINUTES} min unless told otherwise; the timeout is ${timeoutMinutes} min: ${consequence}.`,
            fix: `${ask} To have the expiry checked, set \`output-credentials: true\` on that step and pass its \`aws-expiration\` output to this one as the environment variable AWS_SESSION_EXPIRATION.`
        };
    }
    return undefined;
}


/***/ }),

/***/ 90843:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  executionInput: () => (/* binding */ executionInput),
  liveFollower: () => (/* binding */ liveFollower),
  prepareAwsRun: () => (/* binding */ prepareAwsRun),
  runAws: () => (/* binding */ runAws),
  runExecution: () => (/* binding */ runExecution),
  withCost: () => (/* binding */ withCost),
  workerFacts: () => (/* binding */ workerFacts)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(53711);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sfn/dist-cjs/index.js
var client_sfn_dist_cjs = __webpack_require__(18476);
// EXTERNAL MODULE: ./build/src/errors.js
var errors = __webpack_require__(27406);
// EXTERNAL MODULE: ./build/src/run/host.js
var host = __webpack_require__(7585);
// EXTERNAL MODULE: ./build/src/run/rounds.js
var rounds = __webpack_require__(94582);
// EXTERNAL MODULE: ./build/src/backend/aws/clients.js
var aws_clients = __webpack_require__(5044);
;// CONCATENATED MODULE: ./build/src/backend/aws/clock.js
const systemClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve) => {
        if (signal?.aborted)
            return resolve();
        const timer = setTimeout(done, ms);
        function done() {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    })
};
/** Poll intervals that start short (load start is latency-sensitive) and back off to `maxMs`. */
function* backoff(firstMs = 1000, factor = 1.5, maxMs = 10_000) {
    for (let delay = firstMs;; delay = Math.min(maxMs, delay * factor))
        yield Math.round(delay);
}

// EXTERNAL MODULE: ./build/src/backend/aws/credentials.js
var credentials = __webpack_require__(77322);
// EXTERNAL MODULE: ./build/src/backend/aws/cleanup.js
var cleanup = __webpack_require__(72760);
// EXTERNAL MODULE: ./build/src/run/live-stats.js
var live_stats = __webpack_require__(47015);
// EXTERNAL MODULE: ./build/src/thresholds/abort.js
var abort = __webpack_require__(45232);
// EXTERNAL MODULE: ./build/src/backend/aws/stage.js
var stage = __webpack_require__(87814);
;// CONCATENATED MODULE: ./build/src/backend/aws/live.js
/**
 * Live progress and abort rules on Fargate (docs/live.md): the master's container uploads
 * progress.json to the run's results folder every 10 s; the action reads it while it follows the
 * execution, prints a progress line, judges the abort rules on it (the one rule engine), and asks
 * the master to stop by writing the run folder's control/abort.json, which the container copies
 * into its results folder.
 */




/** The container uploads every 10 s: reading more often finds the same file. */
const LIVE_READ_INTERVAL_MS = 5_000;
class LiveFollower {
    options;
    abortWatch;
    nextReadAt = 0;
    lastWrittenAt = '';
    warned = false;
    /** The abort sent, once an abort rule has ended the run. */
    aborted;
    constructor(options) {
        this.options = options;
        this.abortWatch = new abort/* AbortWatch */.Al(options.thresholds);
    }
    /**
     * Reads progress.json when it may have changed, at most once per LIVE_READ_INTERVAL_MS. Until the
     * test has started, the progress is the time since the execution started (`elapsedMs`).
     */
    async poll(nowMs, elapsedMs) {
        const { runTimeSeconds, onProgress } = this.options;
        if (this.lastWrittenAt === '') {
            onProgress?.({ elapsedSeconds: elapsedMs / 1000, totalSeconds: runTimeSeconds });
        }
        if (nowMs < this.nextReadAt)
            return;
        this.nextReadAt = nowMs + LIVE_READ_INTERVAL_MS;
        const text = await this.read();
        if (text === undefined)
            return;
        const live = (0,live_stats/* parseLiveStats */.JU)(text);
        if ('problem' in live || live.elapsedSeconds === null)
            return;
        // The last figures, written as Locust quits, have no users left to show.
        if (live.writtenAt === this.lastWrittenAt || live.state === 'stopped')
            return;
        this.lastWrittenAt = live.writtenAt;
        onProgress?.((0,live_stats/* progressOf */.jA)(live, runTimeSeconds));
        if (this.aborted !== undefined)
            return;
        const decision = this.abortWatch.observe({
            elapsedSeconds: live.elapsedSeconds,
            figures: live.figures
        });
        if (decision === undefined)
            return;
        const { s3, bucket, runId, abortAlso = [] } = this.options;
        const keys = [runId, ...abortAlso].map((id) => `${(0,stage/* runPrefix */.cK)(id)}${live_stats/* ABORT_COMMAND_PATH */.tP}`);
        for (const key of keys) {
            await s3.send(new dist_cjs/* PutObjectCommand */.wKZ({
                Bucket: bucket,
                Key: key,
                Body: (0,live_stats/* abortCommandJson */.uY)(decision),
                ContentType: 'application/json'
            }));
        }
        this.aborted = {
            rule: decision.rule,
            atSeconds: decision.atSeconds,
            message: decision.message
        };
        this.options.log(`The run is ${decision.message}: asked the master to stop (${keys.map((key) => `s3://${bucket}/${key}`).join(', ')})`);
    }
    /** The latest progress.json, or undefined while there is none (or it cannot be read). */
    async read() {
        const { s3, bucket, runId } = this.options;
        const key = `${(0,stage/* resultsPrefix */.RG)(runId)}${live_stats/* PROGRESS_FILE */.Xv}`;
        try {
            const object = await s3.send(new dist_cjs/* GetObjectCommand */.jLs({ Bucket: bucket, Key: key }));
            return await object.Body?.transformToString('utf8');
        }
        catch (error) {
            const name = error.name;
            if (name !== 'NoSuchKey' && name !== 'NotFound' && !this.warned) {
                this.warned = true;
                this.options.warn(`Could not read the live progress s3://${bucket}/${key} (${error.message}); progress lines and abort rules wait for it.`);
            }
            return undefined;
        }
    }
}

// EXTERNAL MODULE: ./build/src/backend/aws/tasks.js
var aws_tasks = __webpack_require__(77462);
;// CONCATENATED MODULE: ./build/src/backend/aws/monitor.js



/**
 * Polls the execution until it ends, logging its state changes and the run's ECS tasks (role,
 * id, address, status) as they appear. Polling backs off from 1 s to 5 s, so the end of a run is
 * noticed within 5 s, and so is a master that died mid-run: its workers have nothing left to do.
 */
async function monitorExecution(clients, options) {
    const started = options.clock.now();
    const history = new HistoryFollower(clients.stepFunctions, options.executionArn);
    const tasks = new TaskFollower(clients.ecs, options.cluster, options.runId, options.onMaster);
    for (const delay of backoff(1000, 1.5, 5000)) {
        const execution = await clients.stepFunctions.send(new client_sfn_dist_cjs/* DescribeExecutionCommand */.tVP({ executionArn: options.executionArn }));
        for (const line of await history.newStateChanges())
            options.log(line);
        for (const line of await tasks.changes())
            options.log(line);
        if (execution.status !== 'RUNNING' && execution.status !== 'PENDING_REDRIVE') {
            return { kind: 'finished', execution };
        }
        if (tasks.deadMaster)
            return { kind: 'master-stopped', task: tasks.deadMaster };
        await options.onPoll?.(options.clock.now() - started);
        if (options.signal.aborted)
            return { kind: 'cancelled' };
        if (options.clock.now() >= options.deadline)
            return { kind: 'timed-out' };
        await options.clock.sleep(Math.min(delay, Math.max(0, options.deadline - options.clock.now())), options.signal);
        if (options.signal.aborted)
            return { kind: 'cancelled' };
    }
    throw new Error('unreachable: backoff() never ends');
}
/**
 * Reads only the history events not seen yet (newest first, stopping at the last one seen) and
 * reports each state the first time it is entered: the flow, without the polling loops' repeats.
 */
class HistoryFollower {
    stepFunctions;
    executionArn;
    lastSeenId = 0;
    statesSeen = new Set();
    constructor(stepFunctions, executionArn) {
        this.stepFunctions = stepFunctions;
        this.executionArn = executionArn;
    }
    async newStateChanges() {
        const fresh = [];
        let nextToken;
        pages: do {
            const page = await this.stepFunctions.send(new client_sfn_dist_cjs/* GetExecutionHistoryCommand */.eXg({
                executionArn: this.executionArn,
                reverseOrder: true,
                maxResults: 100,
                nextToken
            }));
            for (const event of page.events ?? []) {
                if ((event.id ?? 0) <= this.lastSeenId)
                    break pages;
                fresh.push(event);
            }
            nextToken = page.nextToken;
        } while (nextToken);
        if (fresh.length > 0)
            this.lastSeenId = Math.max(...fresh.map((event) => event.id ?? 0));
        const lines = [];
        for (const event of fresh.reverse()) {
            const state = event.type?.endsWith('StateEntered')
                ? event.stateEnteredEventDetails?.name
                : undefined;
            if (state === undefined || this.statesSeen.has(state))
                continue;
            this.statesSeen.add(state);
            lines.push(`State machine: ${state}`);
        }
        return lines;
    }
}
/**
 * Follows the run's ECS tasks, reporting each task's role, address and status once per change.
 * A task seen STOPPED is not described again: each poll describes the tasks still meant to run and
 * those seen before that have not stopped yet, 100 per DescribeTasks call.
 */
class TaskFollower {
    ecs;
    cluster;
    runId;
    onMaster;
    known = new Map();
    stopped = new Set();
    masterSeen = false;
    /** The master's task, once seen stopped with a failure (an exit code other than 0, or none). */
    deadMaster;
    constructor(ecs, cluster, runId, onMaster) {
        this.ecs = ecs;
        this.cluster = cluster;
        this.runId = runId;
        this.onMaster = onMaster;
    }
    async changes() {
        if (!this.cluster)
            return [];
        const arns = new Set([
            ...this.known.keys(),
            ...(await (0,aws_tasks/* listRunTaskArns */.Ff)(this.ecs, this.cluster, this.runId))
        ]);
        for (const arn of this.stopped)
            arns.delete(arn);
        const tasks = await (0,aws_tasks/* describeTaskArns */.he)(this.ecs, this.cluster, [...arns]);
        const lines = [];
        for (const task of tasks) {
            if (!task.taskArn)
                continue;
            if (task.lastStatus === 'STOPPED')
                this.stopped.add(task.taskArn);
            if (taskRole(task) === 'master' && masterFailed(task))
                this.deadMaster ??= task;
            if (!this.masterSeen && taskRole(task) === 'master') {
                this.masterSeen = true;
                this.onMaster?.(task.taskArn);
            }
            const line = describeTask(task);
            if (this.known.get(task.taskArn) !== line) {
                this.known.set(task.taskArn, line);
                lines.push(line);
            }
        }
        return lines;
    }
}
/** "master" or "worker", from the container command the state machine gave the task. */
function taskRole(task) {
    const command = task.overrides?.containerOverrides?.[0]?.command ?? [];
    if (command[0] === 'master' || command.includes('--master'))
        return 'master';
    if (command[0] === 'worker' || command.includes('--worker'))
        return 'worker';
    return 'task';
}
function taskAddress(task) {
    const details = task.attachments?.flatMap((attachment) => attachment.details ?? []) ?? [];
    return details.find((detail) => detail.name === 'privateIPv4Address')?.value;
}
function describeTask(task) {
    const id = task.taskArn?.split('/').pop() ?? 'unknown';
    const address = taskAddress(task);
    const container = task.containers?.[0];
    const parts = [`${taskRole(task)} task ${id}`, task.lastStatus ?? 'UNKNOWN'];
    if (address)
        parts.push(`at ${address}`);
    if (task.lastStatus === 'STOPPED') {
        if (container?.exitCode !== undefined)
            parts.push(`exit code ${container.exitCode}`);
        if (task.stoppedReason)
            parts.push(`(${task.stoppedReason})`);
    }
    return parts.join(' ');
}
/**
 * A master that ends its test exits 0, and the execution ends soon after: only a failure counts.
 * The exit code is known while the task deprovisions, 30-60 s before it is STOPPED.
 */
function masterFailed(task) {
    const exitCode = task.containers?.[0]?.exitCode;
    return exitCode === undefined ? task.lastStatus === 'STOPPED' : exitCode !== 0;
}
/** The task definition's awslogs-stream-prefix (cloudformation/src/template.yaml). */
const LOG_STREAM_PREFIX = 'run';
/** A task's CloudWatch Logs stream: "<prefix>/<container>/<task id>", as the awslogs driver names it. */
function logStreamOf(task) {
    const id = task.taskArn?.split('/').pop() ?? 'unknown';
    return `${LOG_STREAM_PREFIX}/${task.containers?.[0]?.name ?? 'locust'}/${id}`;
}
/** Why a run whose master died mid-run was stopped: the exit code, the stop reason and its log. */
function deadMasterMessage(task, logGroupName) {
    const id = task.taskArn?.split('/').pop() ?? 'unknown';
    const exitCode = task.containers?.[0]?.exitCode;
    const exit = exitCode === undefined ? 'without an exit code' : `with exit code ${exitCode}`;
    const reason = task.stoppedReason ? ` (${task.stoppedReason})` : '';
    return (`The Locust master task ${id} stopped ${exit}${reason} while the run was still going, so every worker was stopped at once. ` +
        `Its log: ${logPlace(task, logGroupName)}.`);
}
/** "CloudWatch Logs group /g, stream run/locust/<id>": where a task's log is. */
function logPlace(task, logGroupName) {
    return logGroupName
        ? `CloudWatch Logs group ${logGroupName}, stream ${logStreamOf(task)}`
        : `CloudWatch Logs stream ${logStreamOf(task)}`;
}

;// CONCATENATED MODULE: ./build/src/backend/aws/overrides.js
/**
 * The size of the container overrides the state machine sends with every RunTask (its
 * PlanNativeRun state, docs/aws-contract.md), worked out from the execution input before anything
 * starts: ECS refuses a RunTask whose overrides exceed 8,192 characters, and would do so only once
 * the master is being launched. Pure.
 */
/** ECS's limit on the container overrides of one RunTask. */
const ECS_OVERRIDES_LIMIT = 8192;
/**
 * A worker's overrides (the longer of master and worker) as ECS receives them. The expect-workers
 * timeout is a stack parameter the action does not know: its largest value is counted.
 */
function workerOverrides(input) {
    const environment = {
        DL_RUN_ID: input.runId,
        DL_BUCKET: input.bucket,
        DL_BUNDLE_PREFIX: `runs/${input.runId}/bundle/`,
        DL_RESULTS_PREFIX: `runs/${input.runId}/results/`,
        DL_LOCUSTFILE: input.locustfile,
        DL_USERS: String(input.users),
        DL_SPAWN_RATE: String(input.spawnRate),
        DL_RUN_TIME_SECONDS: String(input.runTimeSeconds),
        DL_HOST: input.host ?? '',
        DL_LOCUST_ARGS: JSON.stringify(input.locustArgs),
        DL_EXPECT_WORKERS: String(input.minWorkers),
        DL_EXPECT_WORKERS_TIMEOUT: '1800',
        DL_DEADLINE_EPOCH: String(input.deadlineEpoch),
        DL_MASTER_ADDRESS_KEY: `runs/${input.runId}/master-address`
    };
    return {
        containerOverrides: [
            {
                name: 'locust',
                command: ['worker'],
                environment: Object.entries(environment).map(([name, value]) => ({ name, value }))
            }
        ]
    };
}
/**
 * Why the overrides are too large, naming the inputs to trim with their share, or undefined when
 * they fit.
 */
function overridesProblem(input) {
    const size = JSON.stringify(workerOverrides(input)).length;
    if (size <= ECS_OVERRIDES_LIMIT)
        return undefined;
    const parts = [
        { name: 'locust-args', size: JSON.stringify(input.locustArgs).length },
        { name: 'host', size: input.host?.length ?? 0 },
        { name: 'locustfile (its path)', size: input.locustfile.length }
    ]
        .filter((part) => part.size > 0)
        .sort((a, b) => b.size - a.size)
        .map((part) => `${part.name} ${part.size}`);
    return (`The Locust tasks' settings would take ${size} characters of ECS container overrides, over ` +
        `ECS's limit of ${ECS_OVERRIDES_LIMIT}, so no task could start. Shorten by at least ` +
        `${size - ECS_OVERRIDES_LIMIT} characters what takes the most room (characters: ` +
        `${parts.join(', ')}), e.g. move Locust options into a config file in the bundle.`);
}

// EXTERNAL MODULE: ./build/src/inputs/secrets.js
var inputs_secrets = __webpack_require__(59022);
;// CONCATENATED MODULE: ./build/src/backend/aws/secrets.js



/**
 * The bundle file that carries the `secrets` input's ARNs, never a value (docs/security.md): the
 * tasks read the values with their role (docker/distributed_locust/secrets.py). The bundle, not
 * the RunTask overrides, carries them: the overrides have no secrets field and an 8,192-character
 * limit, and the state machine stays as it is.
 */
const SECRETS_FILE_KEY = `${stage/* RESERVED_FOLDER */.MI}secrets.json`;
/**
 * Why the stack's task role cannot read every secret, naming each one it cannot, or undefined.
 * Without a stack (state-machine-arn and bucket given) the prefix is unknown: the task's error then
 * says which secret it could not read.
 */
function secretsScopeProblem(secrets, target, stackName) {
    if (secrets.length === 0 || stackName === undefined)
        return undefined;
    if (target.secretsPrefix === undefined) {
        return `Input 'secrets': stack '${stackName}' has no SecretsPrefix output, so its tasks may read no secret; redeploy cloudformation/template.yaml of this version (its SecretsPrefix parameter says which secrets the tasks may read).`;
    }
    // arn:aws:states:REGION:ACCOUNT:stateMachine:NAME
    const [, , , region, account] = target.stateMachineArn.split(':');
    const scope = { prefix: target.secretsPrefix, region, account };
    const outside = secrets.flatMap((secret) => (0,inputs_secrets/* outsideScope */.o)(secret, scope) ?? []);
    return outside.length > 0 ? `Input 'secrets': ${outside.join(' ')}` : undefined;
}
/** Stages the secrets' names and ARNs as SECRETS_FILE_KEY under `prefix` (nothing without any). */
async function uploadSecretReferences(s3, bucket, prefix, secrets) {
    if (secrets.length === 0)
        return;
    const references = Object.fromEntries(secrets.map(({ name, arn }) => [name, arn]));
    await s3.send(new dist_cjs/* PutObjectCommand */.wKZ({
        Bucket: bucket,
        Key: `${prefix}${SECRETS_FILE_KEY}`,
        Body: JSON.stringify(references),
        ContentType: 'application/json'
    }));
}

;// CONCATENATED MODULE: ./build/src/backend/aws/fleet.js

/**
 * Counts the run's replaced, reclaimed and lost workers. A worker stopped by the run's own cleanup
 * (UserInitiated) or that exited 0 when the load ended did not fail. Pure.
 */
function workerFleet(tasks, workersAsked) {
    const workers = tasks.filter((task) => taskRole(task) === 'worker');
    const replaced = Math.max(0, workers.length - workersAsked);
    const reclaimed = workers.filter((task) => task.stopCode === 'SpotInterruption').length;
    const failed = workers.filter((task) => task.stopCode === 'SpotInterruption' ||
        task.stopCode === 'TaskFailedToStart' ||
        (task.stopCode === 'EssentialContainerExited' && task.containers?.[0]?.exitCode !== 0)).length;
    return { replaced, reclaimed, stopped: failed };
}
/**
 * Why a failed run may have failed for want of workers: ECS started fewer worker tasks than the
 * load needed to start. Undefined when enough were started.
 */
function workerShortfall(tasks, settings) {
    const started = tasks.filter((task) => taskRole(task) === 'worker').length;
    if (started >= settings.minWorkers)
        return undefined;
    return (`ECS started ${started} of the ${settings.workers} worker task(s) asked for, and the load ` +
        `needed ${settings.minWorkers} (min-workers): Fargate had no capacity for the others while ` +
        `the master waited (they are asked for again for up to ${settings.replaceMinutes} minutes, ` +
        `worker-replace-minutes). Try again later, add subnets in other zones, or lower min-workers.`);
}

;// CONCATENATED MODULE: ./build/src/backend/aws/run-id.js
/** Run ids become ECS `startedBy` (at most 36 characters) and the execution name. */
const RUN_ID_PATTERN = /^[A-Za-z0-9_-]{1,36}$/;
/**
 * A run id unique to this workflow run, attempt and job: `gh-<run>-<attempt>-<job>-<nonce>`. The
 * nonce keeps matrix legs and repeated steps of one job apart; the rest makes it findable.
 * Outside GitHub Actions: `dl-<time>-<nonce>`.
 */
function deriveRunId(env, nonce, now) {
    if (env.GITHUB_RUN_ID) {
        const attempt = env.GITHUB_RUN_ATTEMPT ?? '1';
        const head = `gh-${env.GITHUB_RUN_ID}-${attempt}-`;
        const room = 36 - head.length - nonce.length - 1;
        const job = (env.GITHUB_JOB ?? 'job')
            .replace(/[^A-Za-z0-9_-]/g, '-')
            .slice(0, Math.max(0, room));
        return job === '' ? `${head}${nonce}` : `${head}${job}-${nonce}`;
    }
    const time = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
    return `dl-${time}-${nonce}`;
}

;// CONCATENATED MODULE: ./build/src/backend/aws/prices.js
/**
 * AWS list prices the cost estimate uses (USD, Linux, no Savings Plans or free tier), with the date
 * they were read. Fargate Spot prices move with demand: the figure here is an estimate. Regions not
 * listed are not priced; add a region here (its prices are on the AWS Fargate, Step Functions and
 * S3 pricing pages) and its date.
 */
/** The same list prices hold in these regions (N. Virginia, Ohio, Oregon, Ireland). */
const BASE = {
    x86: { vcpuHour: 0.04048, gbHour: 0.004445 },
    arm: { vcpuHour: 0.03238, gbHour: 0.00356 },
    spotX86: { vcpuHour: 0.01214386, gbHour: 0.00133335 },
    stepFunctionsTransition: 0.000025,
    s3WritePer1000: 0.005,
    s3ReadPer1000: 0.0004
};
const FARGATE_PRICES = {
    asOf: '2026-03',
    regions: {
        'us-east-1': BASE,
        'us-east-2': BASE,
        'us-west-2': BASE,
        'eu-west-1': BASE
    }
};

;// CONCATENATED MODULE: ./build/src/backend/aws/cost.js

const MINIMUM_BILLED_SECONDS = 60;
const SECONDS_PER_HOUR = 3600;
/** What ECS says a task used; sizes ECS did not report count as the smallest Fargate task. */
function taskUsage(task) {
    const architecture = task.attributes?.find((attribute) => attribute.name === 'ecs.cpu-architecture');
    return {
        cpuUnits: Number(task.cpu ?? 256) || 256,
        memoryMiB: Number(task.memory ?? 512) || 512,
        architecture: architecture?.value?.toLowerCase() === 'arm64' ? 'ARM64' : 'X86_64',
        spot: task.capacityProviderName === 'FARGATE_SPOT',
        ...(task.pullStartedAt === undefined ? {} : { pullStartedAt: task.pullStartedAt }),
        ...(task.stoppedAt === undefined ? {} : { stoppedAt: task.stoppedAt })
    };
}
/** The cost in words for the report: "$1.28 (51 tasks, 25.9 task-hours, …)". */
function costSentence(cost) {
    const usd = (value) => `$${value < 0.01 ? value.toFixed(4) : value.toFixed(2)}`;
    const parts = [
        `Fargate ${usd(cost.fargateUsd)} for ${(cost.billedSeconds / SECONDS_PER_HOUR).toFixed(2)} task-hours`,
        typeof cost.stateTransitions === 'number'
            ? `Step Functions ${usd(cost.stepFunctionsUsd)} for ${cost.stateTransitions.toLocaleString('en-US')} state transitions`
            : `Step Functions not counted (${cost.stateTransitions.unknown})`,
        `S3 ${usd(cost.s3Usd)}`
    ];
    const spot = cost.spotRates;
    const estimate = spot
        ? `; Fargate Spot at $${spot.vcpuHour} per vCPU-hour and $${spot.gbHour} per GB-hour, an estimate: AWS varies Spot prices`
        : '';
    return `${usd(cost.totalUsd)} (${parts.join(', ')}; ${cost.region} list prices of ${cost.pricesAsOf}${estimate})`;
}
/** Seconds Fargate bills for one task: whole seconds, at least one minute. */
function billedSeconds(task, until) {
    if (task.pullStartedAt === undefined)
        return 0; // never pulled an image: never billed
    const end = task.stoppedAt ?? until;
    const seconds = Math.ceil((end.getTime() - task.pullStartedAt.getTime()) / 1000);
    return Math.max(MINIMUM_BILLED_SECONDS, seconds);
}
/**
 * The cost of a run in a region, or why it cannot be priced. `until` bills tasks that ECS has
 * not reported stopped (a run that was cut short) up to that moment.
 */
function runCost(usage, until, prices = FARGATE_PRICES.regions, pricesAsOf = FARGATE_PRICES.asOf) {
    const regionPrices = prices[usage.region];
    if (regionPrices === undefined) {
        return {
            unknown: `no Fargate prices for ${usage.region} in the table (prices of ${Object.keys(prices).join(', ')})`
        };
    }
    let fargateUsd = 0;
    let billed = 0;
    let spotUsed = false;
    for (const task of usage.tasks) {
        const rates = ratesFor(regionPrices, task);
        if (rates === undefined) {
            return { unknown: `Fargate Spot has no ${task.architecture} tasks; no price for this task` };
        }
        spotUsed ||= task.spot;
        const seconds = billedSeconds(task, until);
        const hours = seconds / SECONDS_PER_HOUR;
        billed += seconds;
        fargateUsd +=
            hours * ((task.cpuUnits / 1024) * rates.vcpuHour + (task.memoryMiB / 1024) * rates.gbHour);
    }
    const transitions = typeof usage.stateTransitions === 'number' ? usage.stateTransitions : 0;
    const stepFunctionsUsd = transitions * regionPrices.stepFunctionsTransition;
    const s3Usd = (usage.s3Writes / 1000) * regionPrices.s3WritePer1000 +
        (usage.s3Reads / 1000) * regionPrices.s3ReadPer1000;
    return {
        totalUsd: fargateUsd + stepFunctionsUsd + s3Usd,
        fargateUsd,
        stepFunctionsUsd,
        stateTransitions: usage.stateTransitions,
        s3Usd,
        billedSeconds: billed,
        ...(spotUsed ? { spotRates: regionPrices.spotX86 } : {}),
        region: usage.region,
        pricesAsOf
    };
}
function ratesFor(prices, task) {
    if (task.spot)
        return task.architecture === 'X86_64' ? prices.spotX86 : undefined;
    return task.architecture === 'ARM64' ? prices.arm : prices.x86;
}
/** What several executions of one run used together (a duet's two sides), for one cost. */
function combinedUsage(usages) {
    const transitions = usages.map((usage) => usage.stateTransitions);
    const unknown = transitions.find((count) => typeof count !== 'number');
    return {
        region: usages[0].region,
        tasks: usages.flatMap((usage) => usage.tasks),
        stateTransitions: unknown ?? transitions.reduce((sum, count) => sum + count, 0),
        s3Writes: usages.reduce((sum, usage) => sum + usage.s3Writes, 0),
        s3Reads: usages.reduce((sum, usage) => sum + usage.s3Reads, 0)
    };
}

;// CONCATENATED MODULE: ./build/src/backend/aws/transitions.js
/**
 * The state transitions Step Functions bills for a run, counted from the histories once the
 * execution has ended. A Standard workflow bills every step executed, retries included: one
 * transition per state entered, plus one per retried Task attempt. A distributed Map (the run
 * watch) runs its items as child executions, billed alike: the parent's history names each Map
 * run (MapRunStarted), whose children are listed and their histories counted too. Best effort: a
 * call that is denied or fails, or a run needing too many calls, leaves the count unknown.
 */

/**
 * At most this many calls. The run watch's child executions are windows of up to 30 minutes, of
 * one or two history pages each: a 12-hour run takes about 50 calls.
 */
const TRANSITION_CALL_LIMIT = 200;
const PAGE_SIZE = 1000;
async function countStateTransitions(stepFunctions, executionArn, callLimit = TRANSITION_CALL_LIMIT) {
    let calls = 0;
    const bounded = {
        stepFunctions,
        spend: () => {
            if (++calls > callLimit)
                throw new Error(`counting takes more than ${callLimit} calls`);
        }
    };
    try {
        const parent = await transitions_history(bounded, executionArn);
        let transitions = billedTransitions(parent);
        const mapRuns = parent.flatMap((event) => event.mapRunStartedEventDetails?.mapRunArn ?? []);
        for (const mapRunArn of mapRuns) {
            for (const child of await childExecutions(bounded, mapRunArn)) {
                transitions += billedTransitions(await transitions_history(bounded, child));
            }
        }
        return transitions;
    }
    catch (error) {
        const { name, message } = error;
        return { unknown: name && name !== 'Error' ? `${name}: ${message}` : message };
    }
}
/** Billed transitions in one execution's history: states entered, and Task retries. */
function billedTransitions(events) {
    let transitions = 0;
    let attemptsInState = 0;
    for (const { type } of events) {
        if (type?.endsWith('StateEntered')) {
            transitions++;
            attemptsInState = 0;
        }
        else if (type === 'TaskScheduled' && attemptsInState++ > 0) {
            transitions++;
        }
    }
    return transitions;
}
async function transitions_history({ stepFunctions, spend }, executionArn) {
    const events = [];
    let nextToken;
    do {
        spend();
        const page = await stepFunctions.send(new client_sfn_dist_cjs/* GetExecutionHistoryCommand */.eXg({
            executionArn,
            maxResults: PAGE_SIZE,
            includeExecutionData: false,
            nextToken
        }));
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
    } while (nextToken);
    return events;
}
async function childExecutions({ stepFunctions, spend }, mapRunArn) {
    const children = [];
    let nextToken;
    do {
        spend();
        const page = await stepFunctions.send(new client_sfn_dist_cjs/* ListExecutionsCommand */.xzi({ mapRunArn, maxResults: PAGE_SIZE, nextToken }));
        children.push(...(page.executions ?? []).flatMap((child) => child.executionArn ?? []));
        nextToken = page.nextToken;
    } while (nextToken);
    return children;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./build/src/run/paths.js
var paths = __webpack_require__(88559);
;// CONCATENATED MODULE: ./build/src/backend/aws/results.js






/**
 * Where an object under `prefix` lands inside `folder`, or undefined when its name would leave
 * the folder or cannot be a file name here (`..`, `.`, empty segments, backslashes, NUL).
 */
function localPathOf(folder, prefix, key) {
    if (!key.startsWith(prefix))
        return undefined;
    const segments = key.slice(prefix.length).split('/');
    const unsafe = (segment) => segment === '' ||
        segment === '.' ||
        segment === '..' ||
        segment.includes('\\') ||
        segment.includes('\0');
    if (segments.some(unsafe))
        return undefined;
    const path = (0,external_node_path_.resolve)(folder, ...segments);
    return path === (0,external_node_path_.resolve)(folder) || (0,paths/* isOutside */._)((0,external_node_path_.resolve)(folder), path) ? undefined : path;
}
/**
 * Copies every object under `prefix` into `folder`. Objects whose names would leave the folder are
 * refused (listed, never written): only the run's own task role can write there, but a key is
 * data from the bucket and must not choose where the action writes.
 */
async function downloadResults(s3, bucket, prefix, folder) {
    await (0,promises_.mkdir)(folder, { recursive: true });
    const result = { count: 0, refused: [] };
    let token;
    do {
        const page = await s3.send(new dist_cjs/* ListObjectsV2Command */.u6x({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const object of page.Contents ?? []) {
            if (!object.Key || object.Key.endsWith('/'))
                continue;
            const target = localPathOf(folder, prefix, object.Key);
            if (target === undefined) {
                result.refused.push(object.Key);
                continue;
            }
            const body = await s3.send(new dist_cjs/* GetObjectCommand */.jLs({ Bucket: bucket, Key: object.Key }));
            await (0,promises_.mkdir)((0,external_node_path_.dirname)(target), { recursive: true });
            // Streamed to disk: a long run's stats history or log may be large.
            await (0,external_node_stream_promises_.pipeline)(body.Body, (0,external_node_fs_.createWriteStream)(target));
            result.count++;
        }
        token = page.NextContinuationToken;
    } while (token);
    return result;
}
const FIELD_TYPES = {
    runId: (value) => value === null || typeof value === 'string',
    locustExitCode: (value) => value === null || Number.isInteger(value),
    workersConnected: (value) => Number.isInteger(value) && value >= 0,
    workersJoined: (value) => Number.isInteger(value) && value >= 0,
    processesPerWorker: (value) => Number.isInteger(value) && value >= 1,
    locustVersion: (value) => value === null || typeof value === 'string',
    startedAt: (value) => value === null || isTimestamp(value),
    endedAt: isTimestamp,
    partial: (value) => typeof value === 'boolean',
    reason: (value) => value === null || typeof value === 'string'
};
function isTimestamp(value) {
    return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}
/**
 * Checks the text of result.json: a JSON object whose fields have the documented types, naming
 * `runId` (the state machine hands every master its run id; results of another run, or older than
 * the run id, must not be reported as this one's).
 */
function parseContainerResult(text, runId) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        return { kind: 'unreadable', reason: 'result.json is not valid JSON' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return { kind: 'unreadable', reason: 'result.json is not a JSON object' };
    }
    const fields = parsed;
    const wrong = Object.entries(FIELD_TYPES)
        .filter(([name, valid]) => fields[name] !== undefined && !valid(fields[name]))
        .map(([name]) => name);
    if (wrong.length > 0) {
        return {
            kind: 'unreadable',
            reason: `result.json has fields of the wrong type: ${wrong.join(', ')}`
        };
    }
    if (fields.runId !== runId) {
        const named = typeof fields.runId === 'string' ? JSON.stringify(fields.runId).slice(0, 80) : 'no run';
        return {
            kind: 'unreadable',
            reason: `result.json names ${named}, not this run (${runId})`
        };
    }
    const result = Object.fromEntries(Object.keys(FIELD_TYPES).flatMap((name) => fields[name] === undefined ? [] : [[name, fields[name]]]));
    return { kind: 'valid', result };
}
/** Reads and checks `folder`/result.json. */
async function readContainerResult(folder, runId) {
    let text;
    try {
        text = await (0,promises_.readFile)((0,external_node_path_.join)(folder, 'result.json'), 'utf8');
    }
    catch {
        return { kind: 'absent' };
    }
    return parseContainerResult(text, runId);
}
/** The master's exit code from the execution's output; undefined when it carries none. */
function masterExitCodeOf(output) {
    if (!output)
        return undefined;
    try {
        const code = JSON.parse(output)?.masterExitCode;
        return Number.isInteger(code) ? code : undefined;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./build/src/backend/aws/settings.js
var settings = __webpack_require__(42391);
// EXTERNAL MODULE: ./build/src/backend/aws/target.js
var aws_target = __webpack_require__(50399);
;// CONCATENATED MODULE: ./build/src/backend/aws/run.js
























/**
 * How long a stopped run waits for the master's result.json, its last upload, before downloading
 * the results so far. A Fargate task takes 30-60 s from its container's exit to STOPPED, so the
 * upload, not the task status, says when the results are complete. A cancelled job is killed by the
 * runner about 10 s after its SIGINT, so it waits less.
 */
const RESULT_WAIT_MS = { 'timed-out': 90_000, cancelled: 8_000, 'master-stopped': 5_000 };
/**
 * Everything that can reject the run before anything is written or started: resolves the stack
 * (an AwsTargetError, a PreflightError, when it is unusable) and lists the files to ship (a
 * BundleError). Warns when the stack is being updated or the credentials expire before the
 * run's timeout.
 */
async function prepareAwsRun(config, dependencies = {}, warn = () => undefined) {
    const clients = dependencies.clients ?? (0,aws_clients/* createAwsClients */.G)(config.backend.region);
    const clock = dependencies.clock ?? systemClock;
    const env = dependencies.env ?? process.env;
    const target = await (0,aws_target/* resolveAwsTarget */.B4)(config.backend, clients.cloudFormation, warn);
    const secretsProblem = secretsScopeProblem(config.secrets ?? [], target, config.backend.stackName);
    if (secretsProblem)
        throw new errors/* PreflightError */.w(secretsProblem);
    const spot = (0,settings/* spotArchitectureProblem */.PZ)(config.backend.capacity, target.cpuArchitecture, target.taskDefinition ?? "the stack's task definition");
    if (config.backend.capacity !== 'on-demand' && target.cpuArchitecture === undefined) {
        // A task definition given by input: the GitHub role may not describe it.
        warn(`Fargate Spot (capacity: ${config.backend.capacity}) runs x86_64 tasks only; the architecture of task definition ${target.taskDefinition} is not known before the run, and ECS refuses an ARM64 one when the workers start.`);
    }
    if (spot)
        throw new errors/* PreflightError */.w(spot);
    const bundle = await (0,stage/* listBundle */.tK)(config.workingDirectory, [config.locustfile, ...config.data]);
    const lifetime = await (dependencies.credentialsLifetime ??
        (() => (0,credentials/* credentialsLifetime */._)(env, clients.stepFunctions.config.credentials)))();
    const problem = (0,credentials/* credentialsLifetimeProblem */.t)(lifetime, clock.now(), config.timeoutMinutes);
    if (problem)
        warn(`${problem.message} ${problem.fix}`);
    const nonce = (dependencies.nonce ?? randomNonce)();
    const runId = deriveRunId(env, nonce, new Date(clock.now()));
    if (config.rounds?.design !== 'duet') {
        const overrides = overridesProblem(executionInput(config, target, runId, clock.now()));
        if (overrides)
            throw new errors/* PreflightError */.w(overrides);
        return { config, target, bundle, runId, clients, clock };
    }
    const baselineRunId = deriveRunId(env, `${nonce}-b`, new Date(clock.now()));
    const { duetExecutions } = await __webpack_require__.e(/* import() */ 504).then(__webpack_require__.bind(__webpack_require__, 23504));
    for (const side of duetExecutions(config, runId, baselineRunId)) {
        const overrides = overridesProblem(executionInput(side.config, target, side.runId, clock.now()));
        if (overrides)
            throw new errors/* PreflightError */.w(overrides);
    }
    return { config, target, bundle, runId, baselineRunId, clients, clock };
}
/**
 * Runs the test on Fargate through the stack's state machine: stage the locustfile and data in S3
 * → start the execution → follow it → download the results. Always returns an outcome: an error
 * on the way becomes the outcome's error, and an execution that did not reach its end is stopped.
 * A duet runs two executions at once (duet.ts).
 */
async function runAws(prepared, hooks) {
    const { config, runId } = prepared;
    if (config.rounds?.design === 'duet') {
        return (await __webpack_require__.e(/* import() */ 504).then(__webpack_require__.bind(__webpack_require__, 23504))).runAwsDuet(prepared, hooks);
    }
    const { outcome, usage } = await runExecution(prepared, hooks, {
        config,
        runId,
        // The candidate's host stays out of it: the master takes it from its own -H (or HOST_FILE_KEY).
        rounds: config.rounds === undefined
            ? undefined
            : (0,rounds/* masterRoundsSettings */.Nx)(config.rounds, { runTimeSeconds: config.runTimeSeconds }, (0,external_node_crypto_.randomInt)(rounds/* SEED_RANGE */.Cr)),
        live: liveFollower(prepared, hooks, { runId, thresholds: config.thresholds }),
        signal: hooks.signal ?? new AbortController().signal
    });
    return withCost(outcome, usage === undefined ? undefined : [usage]);
}
/** Follows an execution's live progress (and judges `thresholds`' abort rules on it). */
function liveFollower(prepared, hooks, options) {
    const log = hooks.log ?? (() => undefined);
    return new LiveFollower({
        s3: prepared.clients.s3,
        bucket: prepared.target.bucket,
        runTimeSeconds: (0,rounds/* plannedLoadSeconds */.ql)(prepared.config.runTimeSeconds, prepared.config.rounds),
        onProgress: hooks.onProgress,
        log,
        warn: hooks.warn ?? log,
        ...options
    });
}
/** The outcome with the cost of what its executions used (none when one is not known). */
function withCost(outcome, usages) {
    if (usages === undefined)
        return outcome;
    const cost = runCost(combinedUsage(usages), new Date());
    return {
        ...outcome,
        facts: {
            ...outcome.facts,
            cost: 'unknown' in cost
                ? { note: `not known: ${cost.unknown}` }
                : { usd: cost.totalUsd, note: costSentence(cost) }
        }
    };
}
/**
 * Stages and starts one execution, follows it to its end (stopping it when `execution.signal`
 * says so, or at the timeout) and downloads its results into its config's results folder.
 */
async function runExecution(prepared, hooks, execution) {
    const { target, bundle, clients, clock } = prepared;
    const { config, runId, live } = execution;
    const log = hooks.log ?? (() => undefined);
    const warn = hooks.warn ?? log;
    let stagedHost;
    let started;
    let ended = false;
    try {
        stagedHost = await (0,stage/* uploadHost */.oc)(clients.s3, target.bucket, (0,stage/* bundlePrefix */.HN)(runId), config.host);
        if (stagedHost) {
            log(`Staged the host URL as ${stage/* HOST_FILE_KEY */.MO} in the bundle: it carries credentials.`);
        }
        const secrets = config.secrets ?? [];
        await uploadSecretReferences(clients.s3, target.bucket, (0,stage/* bundlePrefix */.HN)(runId), secrets);
        if (secrets.length > 0) {
            log(`Staged the ARNs of ${secrets.length} secret(s) as ${SECRETS_FILE_KEY}: the tasks read the values.`);
        }
        if (execution.rounds !== undefined) {
            await (0,stage/* uploadRounds */.dE)(clients.s3, target.bucket, (0,stage/* bundlePrefix */.HN)(runId), execution.rounds);
        }
        const run = await startRun(config, { target, bundle, runId }, clients, clock, log);
        const handle = {
            arn: run.executionArn,
            region: target.region,
            cluster: target.cluster,
            runId,
            stagedHost
        };
        started = handle;
        hooks.onStarted?.(handle);
        const startedAt = clock.now();
        const end = await monitorExecution(clients, {
            executionArn: run.executionArn,
            cluster: target.cluster,
            runId,
            clock,
            signal: execution.signal,
            deadline: startedAt + config.timeoutMinutes * 60_000,
            log,
            onMaster: (taskArn) => (handle.masterTaskArn = taskArn),
            onPoll: (elapsedMs) => live.poll(clock.now(), elapsedMs)
        });
        execution.onEnded?.(endedInFailure(end));
        const interruption = end.kind === 'finished'
            ? undefined
            : await stopInterruptedRun(run, started, end, execution, clients, clock, log);
        ended = true;
        const collected = await collectOutcome(run, end, interruption, config, clients, log, bundle.length);
        if (live.aborted === undefined)
            return collected;
        const { outcome } = collected;
        return {
            ...collected,
            outcome: { ...outcome, partial: true, facts: { ...outcome.facts, aborted: live.aborted } }
        };
    }
    catch (error) {
        execution.onEnded?.(true);
        return {
            outcome: {
                error: error.message,
                partial: started !== undefined,
                facts: started ? { links: [{ label: 'Run id', value: runId }] } : {}
            }
        };
    }
    finally {
        if (started && !ended) {
            // Also deletes the staged host; a run that could not be stopped still needs it.
            await (0,cleanup.stopRun)(started, log, clients).catch((error) => warn(`Could not stop run ${runId} (${error.message}); it stops at its deadline.`));
        }
        else if (stagedHost) {
            await (0,stage/* deleteStagedHost */.Uu)(stagedHost, clients.s3, warn);
        }
    }
}
/** Whether an execution ended other than well: failed, timed out, its master dead or exited with an error. */
function endedInFailure(end) {
    if (end.kind !== 'finished')
        return end.kind !== 'cancelled';
    const masterExit = masterExitCodeOf(end.execution.output);
    return end.execution.status !== 'SUCCEEDED' || (masterExit !== undefined && masterExit !== 0);
}
/** Stages the bundle and starts the execution. */
async function startRun(config, plan, clients, clock, log) {
    const { target, bundle, runId } = plan;
    const bundleAt = (0,stage/* bundlePrefix */.HN)(runId);
    const bytes = await (0,stage/* uploadBundle */.sd)(clients.s3, target.bucket, bundleAt, bundle);
    log(`Staged ${bundle.length} file(s), ${bytes} bytes, in s3://${target.bucket}/${bundleAt}`);
    const { executionArn } = await clients.stepFunctions.send(new client_sfn_dist_cjs/* StartExecutionCommand */.MX_({
        stateMachineArn: target.stateMachineArn,
        name: runId,
        input: JSON.stringify(executionInput(config, target, runId, clock.now()))
    }));
    if (!executionArn)
        throw new Error('Step Functions returned no execution ARN');
    const links = consoleLinks(target, executionArn);
    log(`Started run ${runId}: ${links[0].url ?? executionArn}`);
    return { runId, target, executionArn, links };
}
/**
 * Stops a cancelled or timed-out run and gives the master a moment to upload the results so far.
 * Returns the message that explains the interruption.
 */
async function stopInterruptedRun(run, handle, end, execution, clients, clock, log) {
    const { target } = run;
    // The staged host is deleted once, when runAws ends.
    await (0,cleanup.stopRun)({ ...handle, stagedHost: undefined }, log, clients);
    const limitMs = RESULT_WAIT_MS[end.kind];
    log(`Waiting up to ${limitMs / 1000} s for the master to upload the results so far…`);
    const key = `${(0,stage/* resultsPrefix */.RG)(run.runId)}result.json`;
    if (!(await waitForObject(clients.s3, target.bucket, key, clock, limitMs))) {
        log(`The master has not uploaded ${key} yet; the results may be incomplete.`);
    }
    switch (end.kind) {
        case 'cancelled':
            return (execution.stoppedBecause?.() ??
                'The run was cancelled; every task was stopped. Results so far are shown.');
        case 'timed-out':
            return `The run did not finish within timeout-minutes (${execution.config.timeoutMinutes}); every task was stopped.`;
        case 'master-stopped':
            return deadMasterMessage(end.task, target.logGroupName);
    }
}
/** Downloads the results and tells how the run ended: the execution's error, the tasks' exits. */
async function collectOutcome(run, end, interruption, config, clients, log, bundleFiles) {
    const execution = end.kind === 'finished' ? end.execution : undefined;
    let error = interruption;
    if (execution && execution.status !== 'SUCCEEDED') {
        error = `Step Functions execution ${execution.status}: ${execution.error ?? 'no error name'}: ${execution.cause ?? 'no cause given'}`;
    }
    // Every task of the run, once: how the failed ones stopped, and what the run cost.
    const tasks = run.target.cluster
        ? await (0,aws_tasks/* describeRunTasks */.BU)(clients.ecs, run.target.cluster, run.runId).catch((reason) => {
            log(`Could not describe the run's tasks (${reason.message}); no cost is shown.`);
            return undefined;
        })
        : undefined;
    if (error !== undefined && tasks) {
        const stopped = tasks.filter((task) => task.lastStatus === 'STOPPED').map(describeTask);
        if (stopped.length > 0)
            error += `\nECS tasks: ${stopped.join('; ')}`;
        const shortfall = workerShortfall(tasks, {
            workers: config.workers,
            minWorkers: config.backend.minWorkers ?? config.workers,
            replaceMinutes: config.backend.workerReplaceMinutes
        });
        if (shortfall)
            error += `\n${shortfall}`;
        const master = tasks.find((task) => taskRole(task) === 'master');
        const masterExit = master?.containers?.[0]?.exitCode;
        if (end.kind === 'finished' && master && masterExit !== undefined && masterExit !== 0) {
            error += `\nThe master's log: ${logPlace(master, run.target.logGroupName)}.`;
        }
    }
    const downloaded = await downloadResults(clients.s3, run.target.bucket, (0,stage/* resultsPrefix */.RG)(run.runId), config.resultsDir);
    log(`Downloaded ${downloaded.count} result file(s) into ${config.resultsDir}`);
    const unreadable = [];
    if (downloaded.refused.length > 0) {
        unreadable.push(`${downloaded.refused.length} result object(s) have names that lead outside the results folder and were not written: ${downloaded.refused.slice(0, 3).join(', ')}`);
    }
    const reading = await readContainerResult(config.resultsDir, run.runId);
    if (reading.kind === 'unreadable')
        unreadable.push(reading.reason);
    if (unreadable.length > 0) {
        const message = `Results unreadable: ${unreadable.join('; ')}. Check who else can write under s3://${run.target.bucket}/${(0,stage/* runPrefix */.cK)(run.runId)}.`;
        error = error === undefined ? message : `${error}\n${message}`;
    }
    const container = reading.kind === 'valid' ? reading.result : {};
    // The master's own words say what went wrong inside it (a secret it could not read, the bundle).
    if (error !== undefined && container.reason)
        error += `\nThe master: ${container.reason}`;
    const usage = tasks === undefined
        ? undefined
        : {
            region: run.target.region ?? run.executionArn.split(':')[3],
            tasks: tasks.map(taskUsage),
            stateTransitions: await countStateTransitions(clients.stepFunctions, run.executionArn),
            // The bundle and the results are written once; every task reads the bundle.
            s3Writes: bundleFiles + downloaded.count,
            s3Reads: downloaded.count + bundleFiles * tasks.length
        };
    const masterExitCode = masterExitCodeOf(execution?.output);
    if (error === undefined && masterExitCode !== undefined && masterExitCode !== 0) {
        error = `The Locust master container exited with code ${masterExitCode}; see master.log in the results.`;
    }
    const outcome = {
        locustExitCode: container.locustExitCode ?? undefined,
        error,
        partial: error !== undefined || container.partial === true,
        facts: {
            ...workerFacts(container),
            ...(config.backend.minWorkers === undefined ? {} : { minWorkers: config.backend.minWorkers }),
            ...(tasks === undefined ? {} : fleetFacts(workerFleet(tasks, config.workers))),
            locustVersion: container.locustVersion ?? undefined,
            startedAt: container.startedAt ?? execution?.startDate?.toISOString(),
            endedAt: container.endedAt ?? execution?.stopDate?.toISOString(),
            durationSeconds: execution?.startDate && execution.stopDate
                ? (execution.stopDate.getTime() - execution.startDate.getTime()) / 1000
                : undefined,
            links: [{ label: 'Run id', value: run.runId }, ...run.links]
        }
    };
    return { outcome, usage };
}
/**
 * Worker tasks and Locust processes told apart: on current Locust each worker task runs one
 * process per vCPU, and the master counts processes. A task counts as connected when any of its
 * processes did.
 */
function workerFacts(container) {
    const processes = container.workersConnected;
    if (processes === undefined)
        return {};
    const perTask = container.processesPerWorker ?? 1;
    const joined = container.workersJoined === undefined
        ? {}
        : { workersJoined: Math.ceil(container.workersJoined / perTask) };
    return perTask > 1
        ? { workersConnected: Math.ceil(processes / perTask), workerProcesses: processes, ...joined }
        : { workersConnected: processes, ...joined };
}
/** The fleet's counts as run facts (reclaimed only when Spot reclaimed any). */
function fleetFacts(fleet) {
    return {
        workersReplaced: fleet.replaced,
        workersLost: fleet.stopped,
        ...(fleet.reclaimed > 0 ? { workersReclaimed: fleet.reclaimed } : {})
    };
}
function randomNonce() {
    return (0,external_node_crypto_.randomBytes)(3).toString('hex');
}
/** The state machine's native input (docs/aws-contract.md). */
function executionInput(config, target, runId, nowMs) {
    const locustfile = (0,external_node_path_.relative)(config.workingDirectory, config.locustfile).split(external_node_path_.sep).join('/');
    return {
        runId,
        locustfile,
        users: config.users,
        spawnRate: config.spawnRate,
        // With rounds, the tasks' run time covers them all; the master times each round itself.
        runTimeSeconds: (0,rounds/* plannedLoadSeconds */.ql)(config.runTimeSeconds, config.rounds),
        // A host with credentials is staged in the bundle (uploadHost); tasks see it redacted.
        ...(config.host ? { host: (0,host/* redactHost */.S7)(config.host) } : {}),
        locustArgs: config.locustArgs,
        workers: config.workers,
        minWorkers: config.backend.minWorkers ?? config.workers,
        // Workers that stop are replaced through the load, and not once it may be over: the load starts
        // after this moment and lasts at least its measured windows (a worker that stops when its master
        // has ended is no loss). 0 turns replacement off.
        replaceWorkersUntil: new Date(config.backend.workerReplaceMinutes === 0
            ? nowMs
            : nowMs + (0,rounds/* measuredLoadSeconds */.uR)(config.runTimeSeconds, config.rounds) * 1000).toISOString(),
        replaceWorkersSeconds: config.backend.workerReplaceMinutes * 60,
        workerCapacity: (0,settings/* capacityProviderStrategy */.fx)(config.backend.capacity),
        bucket: target.bucket,
        ...(target.cluster ? { cluster: target.cluster } : {}),
        ...(target.taskDefinition ? { taskDefinition: target.taskDefinition } : {}),
        ...(target.subnets ? { subnets: target.subnets } : {}),
        ...(target.securityGroups ? { securityGroups: target.securityGroups } : {}),
        assignPublicIp: config.backend.assignPublicIp ? 'ENABLED' : 'DISABLED',
        // Tasks give up on their own when the action itself would: at timeout-minutes.
        deadlineEpoch: Math.floor(nowMs / 1000) + Math.ceil(config.timeoutMinutes * 60)
    };
}
function consoleLinks(target, executionArn) {
    const region = target.region ?? executionArn.split(':')[3];
    const console = `https://${region}.console.aws.amazon.com`;
    const links = [
        {
            label: 'Step Functions execution',
            url: `${console}/states/home?region=${region}#/v2/executions/details/${executionArn}`
        }
    ];
    if (target.logGroupName) {
        const group = encodeURIComponent(encodeURIComponent(target.logGroupName)).replace(/%/g, '$');
        links.push({
            label: 'Container logs',
            url: `${console}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${group}`
        });
    }
    return links;
}
/**
 * Polls until the object exists, at most `limitMs`; returns whether it does. It lists the key rather
 * than HEAD it: without ListBucket on the whole bucket S3 answers a missing key with 403, not 404.
 */
async function waitForObject(s3, bucket, key, clock, limitMs) {
    const deadline = clock.now() + limitMs;
    for (;;) {
        const listing = await s3.send(new dist_cjs/* ListObjectsV2Command */.u6x({ Bucket: bucket, Prefix: key, MaxKeys: 1 }));
        if (listing.Contents?.some((object) => object.Key === key))
            return true;
        if (clock.now() >= deadline)
            return false;
        await clock.sleep(Math.min(1000, deadline - clock.now()));
    }
}


/***/ }),

/***/ 90871:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ stackUsability)
/* harmony export */ });
/** States whose resources are missing or going away, with what to do about each. */
const UNUSABLE = {
    CREATE_IN_PROGRESS: 'wait until the stack is created',
    CREATE_FAILED: 'delete it and deploy again (see its events for the cause)',
    ROLLBACK_IN_PROGRESS: 'its creation failed; delete it and deploy again once the rollback ends',
    ROLLBACK_COMPLETE: 'its creation failed and was rolled back; delete it and deploy again',
    ROLLBACK_FAILED: 'its creation failed; delete it and deploy again',
    DELETE_IN_PROGRESS: 'it is being deleted; deploy it again once the deletion ends',
    DELETE_FAILED: 'a deletion left it half deleted; delete it again, then deploy again',
    DELETE_COMPLETE: 'it was deleted; deploy it again',
    REVIEW_IN_PROGRESS: 'it has a change set waiting to be executed; execute it first',
    UPDATE_ROLLBACK_FAILED: 'a failed update could not be rolled back; run `aws cloudformation continue-update-rollback` first',
    IMPORT_ROLLBACK_FAILED: 'a failed import could not be rolled back; fix it in the console first'
};
/** Whether a run can use a stack in `status`; `changing` when an update is under way. */
function stackUsability(status) {
    const fix = UNUSABLE[status];
    if (fix !== undefined)
        return { usable: false, fix };
    return { usable: true, changing: status.endsWith('_IN_PROGRESS') };
}


/***/ }),

/***/ 87814:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HN: () => (/* binding */ bundlePrefix),
/* harmony export */   MI: () => (/* binding */ RESERVED_FOLDER),
/* harmony export */   MO: () => (/* binding */ HOST_FILE_KEY),
/* harmony export */   RG: () => (/* binding */ resultsPrefix),
/* harmony export */   Uu: () => (/* binding */ deleteStagedHost),
/* harmony export */   cK: () => (/* binding */ runPrefix),
/* harmony export */   dE: () => (/* binding */ uploadRounds),
/* harmony export */   oc: () => (/* binding */ uploadHost),
/* harmony export */   sd: () => (/* binding */ uploadBundle),
/* harmony export */   tK: () => (/* binding */ listBundle)
/* harmony export */ });
/* unused harmony exports BundleError, ROUNDS_FILE_KEY */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(53711);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(27406);
/* harmony import */ var _run_host_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7585);
/* harmony import */ var _run_paths_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(88559);







/**
 * What one run may ship. Every worker task downloads the whole bundle before it starts, so large
 * data slows every start and is paid for once per task.
 */
const BUNDLE_LIMITS = { bytes: 256 * 1024 * 1024, files: 10_000 };
/** Where the action adds files of its own to the bundle; none of the user's may be there. */
const RESERVED_FOLDER = '.distributed-locust/';
/** The bundle cannot be shipped: nothing is uploaded or started. */
class BundleError extends _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .PreflightError */ .w {
}
const isInside = (folder, path) => !(0,_run_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .isOutside */ ._)(folder, path);
/**
 * Lists the locustfile and the data files and folders, each keyed by its path relative to the
 * working directory, so the container sees the same layout the locustfile was written for.
 * Symbolic links are followed only where they stay inside the working directory (a link to /etc
 * must not ship the runner's files to S3); a folder that links back into itself is a loop; the
 * whole bundle is capped by `limits`.
 */
async function listBundle(workingDirectory, paths, limits = BUNDLE_LIMITS) {
    const root = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath)(workingDirectory);
    const files = [];
    let bytes = 0;
    const outside = (path) => new BundleError(`${path} is outside the working directory ${workingDirectory}; move it inside, or set \`working-directory\` to a folder that holds the locustfile and its data.`);
    /** `ancestors`: the real paths of the folders being listed; a link back to one is a loop. */
    const visit = async (path, ancestors) => {
        const key = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(workingDirectory, path);
        if (!isInside(workingDirectory, path))
            throw outside(path);
        let real;
        try {
            real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath)(path);
        }
        catch (error) {
            if (error.code === 'ELOOP') {
                throw new BundleError(`${path} is a symbolic link that leads back to itself; remove it.`);
            }
            if (error.code === 'ENOENT' &&
                (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(path)).isSymbolicLink()) {
                throw new BundleError(`${path} is a symbolic link to nothing; remove it or its target.`);
            }
            throw error;
        }
        if (!isInside(root, real)) {
            throw new BundleError(`${path} is a symbolic link to ${real}, outside the working directory ${workingDirectory}; only files inside it are shipped. Copy what the test needs into it.`);
        }
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(real);
        if (info.isDirectory()) {
            if (ancestors.some((ancestor) => isInside(real, ancestor))) {
                throw new BundleError(`${path} links back to ${real}, a folder that holds it: a loop. Remove the link.`);
            }
            for (const entry of (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(path)).sort()) {
                if (entry === '__pycache__' || entry === '.git')
                    continue;
                await visit((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(path, entry), [...ancestors, real]);
            }
            return;
        }
        if (!info.isFile()) {
            throw new BundleError(`${path} is not a regular file (a socket, pipe or device); remove it.`);
        }
        bytes += info.size;
        if (files.length + 1 > limits.files || bytes > limits.bytes) {
            throw new BundleError(`The locustfile and \`data\` add up to more than ${describeLimits(limits)} (reached at ${path}); every worker task downloads them before it starts. Ship less through \`data\`, or let the locustfile fetch large data itself.`);
        }
        const bundleKey = key.split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).join('/');
        if (bundleKey.startsWith(RESERVED_FOLDER)) {
            throw new BundleError(`${path} is in ${RESERVED_FOLDER}, a folder the action keeps for itself in the bundle; rename it or leave it out of \`data\`.`);
        }
        files.push({ path, key: bundleKey });
    };
    for (const path of paths)
        await visit(path, []);
    return files;
}
function describeLimits(limits) {
    return `${limits.files} files or ${Math.round(limits.bytes / (1024 * 1024))} MiB`;
}
/** Uploads the bundle under `<prefix>`; returns the number of bytes sent. */
async function uploadBundle(s3, bucket, prefix, files) {
    let bytes = 0;
    for (const file of files) {
        const { size } = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(file.path);
        await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__/* .PutObjectCommand */ .wKZ({
            Bucket: bucket,
            Key: `${prefix}${file.key}`,
            Body: (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(file.path),
            ContentLength: size
        }));
        bytes += size;
    }
    return bytes;
}
/**
 * The bundle file that carries a host URL with credentials: the execution input and the tasks'
 * environment (readable by whoever can read the execution history or describe tasks) get the
 * redacted host; the master reads the real one from here and removes it.
 */
const HOST_FILE_KEY = `${RESERVED_FOLDER}host`;
/** The bundle file that carries the rounds settings the master's control channel runs (docs/rounds.md). */
const ROUNDS_FILE_KEY = `${RESERVED_FOLDER}rounds.json`;
/** Stages the rounds settings (src/run/rounds.ts's masterRoundsSettings) as ROUNDS_FILE_KEY under `<prefix>`. */
async function uploadRounds(s3, bucket, prefix, settings) {
    await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__/* .PutObjectCommand */ .wKZ({ Bucket: bucket, Key: `${prefix}${ROUNDS_FILE_KEY}`, Body: settings }));
}
/** A run's folder in the bucket: its bundle, its results and its master's address. */
const runPrefix = (runId) => `runs/${runId}/`;
const bundlePrefix = (runId) => `${runPrefix(runId)}bundle/`;
const resultsPrefix = (runId) => `${runPrefix(runId)}results/`;
/**
 * Stages `host` as HOST_FILE_KEY under `<prefix>` when it carries credentials; returns where, or
 * undefined when it carries none.
 */
async function uploadHost(s3, bucket, prefix, host) {
    if (host === undefined || (0,_run_host_js__WEBPACK_IMPORTED_MODULE_6__/* .redactHost */ .S7)(host) === host)
        return undefined;
    const staged = { bucket, key: `${prefix}${HOST_FILE_KEY}` };
    await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__/* .PutObjectCommand */ .wKZ({ Bucket: staged.bucket, Key: staged.key, Body: host }));
    return staged;
}
/**
 * Deletes the staged host URL once no task of the run can read it any more. A failure is warned,
 * not thrown: the run's outcome stands, and the warning says how to remove the object by hand.
 */
async function deleteStagedHost(staged, s3, warn) {
    try {
        await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__/* .DeleteObjectCommand */ .k4j({ Bucket: staged.bucket, Key: staged.key }));
    }
    catch (error) {
        warn(`Could not delete s3://${staged.bucket}/${staged.key}, the host URL with its credentials ` +
            `(${error.message}): delete it yourself. A stack deployed before its role ` +
            'allowed s3:DeleteObject needs a redeploy of cloudformation/template.yaml.');
    }
}


/***/ }),

/***/ 50399:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B4: () => (/* binding */ resolveAwsTarget),
/* harmony export */   Wv: () => (/* binding */ STACK_OUTPUTS)
/* harmony export */ });
/* unused harmony export AwsTargetError */
/* harmony import */ var _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3805);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27406);
/* harmony import */ var _stack_status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(90871);



/** Stack outputs the action reads (see cloudformation/template.yaml). */
const STACK_OUTPUTS = {
    stateMachineArn: 'StateMachineArn',
    bucket: 'BucketName',
    cluster: 'ClusterName',
    taskDefinition: 'TaskDefinitionArn',
    subnets: 'Subnets',
    securityGroups: 'SecurityGroupId',
    logGroupName: 'LogGroupName',
    secretsPrefix: 'SecretsPrefix'
};
class AwsTargetError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PreflightError */ .w {
}
/**
 * Resolves the run target: the stack's outputs (when `stack-name` is given), overridden by any
 * explicit input. Reads only; nothing is created.
 */
async function resolveAwsTarget(settings, cloudFormation, warn) {
    const { outputs, parameters } = settings.stackName
        ? await readStack(settings.stackName, cloudFormation, warn)
        : { outputs: {}, parameters: {} };
    const fromStack = (key) => outputs[STACK_OUTPUTS[key]];
    const list = (text) => text
        ? text
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean)
        : undefined;
    const stateMachineArn = settings.stateMachineArn ?? fromStack('stateMachineArn');
    const bucket = settings.bucket ?? fromStack('bucket');
    if (!stateMachineArn || !bucket) {
        const missing = [
            ...(stateMachineArn ? [] : [STACK_OUTPUTS.stateMachineArn]),
            ...(bucket ? [] : [STACK_OUTPUTS.bucket])
        ];
        throw new AwsTargetError(`Stack '${settings.stackName}' has no output ${missing.join(' or ')}; deploy cloudformation/template.yaml ` +
            `of this version, or give the \`state-machine-arn\` and \`bucket\` inputs.`);
    }
    return {
        region: settings.region,
        stateMachineArn,
        bucket,
        cluster: settings.cluster ?? fromStack('cluster'),
        taskDefinition: settings.taskDefinition ?? fromStack('taskDefinition'),
        subnets: settings.subnets.length > 0 ? settings.subnets : list(fromStack('subnets')),
        securityGroups: settings.securityGroups.length > 0
            ? settings.securityGroups
            : list(fromStack('securityGroups')),
        logGroupName: fromStack('logGroupName'),
        secretsPrefix: fromStack('secretsPrefix'),
        ...(settings.taskDefinition === undefined && parameters.CpuArchitecture
            ? { cpuArchitecture: parameters.CpuArchitecture }
            : {})
    };
}
async function readStack(stackName, cloudFormation, warn) {
    let stacks;
    try {
        stacks = (await cloudFormation.send(new _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__/* .DescribeStacksCommand */ .Y47({ StackName: stackName }))).Stacks;
    }
    catch (error) {
        const message = error.message;
        if (/does not exist/.test(message)) {
            throw new AwsTargetError(`Input 'stack-name': stack '${stackName}' does not exist in this account and region; deploy cloudformation/template.yaml first or check \`aws-region\`.`);
        }
        throw new AwsTargetError(`Could not read stack '${stackName}' (input 'stack-name'): ${message}`);
    }
    const stack = stacks?.[0];
    if (!stack)
        throw new AwsTargetError(`Input 'stack-name': stack '${stackName}' was not found.`);
    const usability = (0,_stack_status_js__WEBPACK_IMPORTED_MODULE_1__/* .stackUsability */ .V)(stack.StackStatus ?? 'CREATE_COMPLETE');
    if (!usability.usable) {
        throw new AwsTargetError(`Stack '${stackName}' is in state ${stack.StackStatus}, in which it cannot run tests: ${usability.fix}.`);
    }
    if (usability.changing) {
        warn?.(`Stack '${stackName}' is in state ${stack.StackStatus}; a run during an update may meet resources that are being replaced.`);
    }
    const outputs = Object.fromEntries((stack.Outputs ?? []).flatMap((output) => output.OutputKey && output.OutputValue !== undefined
        ? [[output.OutputKey, output.OutputValue]]
        : []));
    const parameters = Object.fromEntries((stack.Parameters ?? []).flatMap((parameter) => parameter.ParameterKey && parameter.ParameterValue !== undefined
        ? [[parameter.ParameterKey, parameter.ParameterValue]]
        : []));
    return { outputs, parameters };
}


/***/ }),

/***/ 77462:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BU: () => (/* binding */ describeRunTasks),
/* harmony export */   Ff: () => (/* binding */ listRunTaskArns),
/* harmony export */   he: () => (/* binding */ describeTaskArns)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(80212);

/**
 * ARNs of the run's tasks still meant to run, every page. ECS `startedBy` (the run id) must be the
 * only filter of ListTasks; desired status RUNNING is its default.
 */
async function listRunTaskArns(ecs, cluster, runId) {
    return listTaskArns(ecs, { cluster, startedBy: runId });
}
/**
 * Every task of the run, running or stopped. ListTasks cannot combine startedBy with desired status
 * STOPPED, so the cluster's stopped tasks are described and kept when the run started them: call it
 * once, not in a polling loop (there, describe the tasks seen so far with `describeTaskArns`).
 */
async function describeRunTasks(ecs, cluster, runId) {
    const running = await describeTaskArns(ecs, cluster, await listRunTaskArns(ecs, cluster, runId));
    const stopped = await describeTaskArns(ecs, cluster, await listTaskArns(ecs, { cluster, desiredStatus: 'STOPPED' }));
    return [...running, ...stopped.filter((task) => task.startedBy === runId)];
}
async function listTaskArns(ecs, filter) {
    const arns = [];
    let nextToken;
    do {
        const page = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_0__/* .ListTasksCommand */ .MYg({ ...filter, nextToken }));
        arns.push(...(page.taskArns ?? []));
        nextToken = page.nextToken;
    } while (nextToken);
    return arns;
}
/** The tasks of `arns`, 100 per DescribeTasks call. */
async function describeTaskArns(ecs, cluster, arns) {
    const tasks = [];
    // DescribeTasks takes at most 100 tasks per call.
    for (let i = 0; i < arns.length; i += 100) {
        const page = await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_0__/* .DescribeTasksCommand */ .z8X({ cluster, tasks: arns.slice(i, i + 100) }));
        tasks.push(...(page.tasks ?? []));
    }
    return tasks;
}


/***/ })

};
