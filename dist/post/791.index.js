export const id = 791;
export const ids = [791];
export const modules = {

/***/ 7791:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  stopRun: () => (/* binding */ stopRun)
});

// UNUSED EXPORTS: stopRunTasks, waitForRunTasksToStop

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sfn/dist-cjs/index.js
var client_sfn_dist_cjs = __webpack_require__(8476);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudformation/dist-cjs/index.js
var client_cloudformation_dist_cjs = __webpack_require__(3805);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var client_s3_dist_cjs = __webpack_require__(3711);
;// CONCATENATED MODULE: ./src/backend/aws/clients.ts




/**
 * Clients for one region. Credentials come from the SDK's standard chain (environment, OIDC web
 * identity as set up by aws-actions/configure-aws-credentials, profiles); endpoints honour
 * AWS_ENDPOINT_URL_<SERVICE>. The SDK's adaptive retry mode backs off with jitter on throttling.
 */
function createAwsClients(region) {
    const common = { region, maxAttempts: 6, retryMode: 'adaptive' };
    return {
        cloudFormation: new client_cloudformation_dist_cjs/* CloudFormationClient */.m1N(common),
        stepFunctions: new client_sfn_dist_cjs/* SFNClient */.ZIB(common),
        ecs: new dist_cjs/* ECSClient */.Zgc(common),
        s3: new client_s3_dist_cjs/* S3Client */.YxF(common)
    };
}

;// CONCATENATED MODULE: ./src/backend/aws/clock.ts
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
function* clock_backoff(firstMs = 1000, factor = 1.5, maxMs = 10_000) {
    for (let delay = firstMs;; delay = Math.min(maxMs, delay * factor))
        yield Math.round(delay);
}

;// CONCATENATED MODULE: ./src/backend/aws/monitor.ts



/**
 * Polls the execution until it ends, logging its state changes and the run's ECS tasks (role,
 * id, address, status) as they appear. Polling backs off from 1 s to 5 s, so the end of a run is
 * noticed within 5 s.
 */
async function monitorExecution(clients, options) {
    const started = options.clock.now();
    const history = new HistoryFollower(clients.stepFunctions, options.executionArn);
    const tasks = new TaskFollower(clients.ecs, options.cluster, options.runId);
    for (const delay of backoff(1000, 1.5, 5000)) {
        const execution = await clients.stepFunctions.send(new DescribeExecutionCommand({ executionArn: options.executionArn }));
        for (const line of await history.newStateChanges())
            options.log(line);
        for (const line of await tasks.changes())
            options.log(line);
        if (execution.status !== 'RUNNING' && execution.status !== 'PENDING_REDRIVE') {
            return { kind: 'finished', execution };
        }
        options.onPoll?.(options.clock.now() - started);
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
            const page = await this.stepFunctions.send(new GetExecutionHistoryCommand({
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
/** Follows the run's ECS tasks, reporting each task's role, address and status once per change. */
class TaskFollower {
    ecs;
    cluster;
    runId;
    known = new Map();
    constructor(ecs, cluster, runId) {
        this.ecs = ecs;
        this.cluster = cluster;
        this.runId = runId;
    }
    async changes() {
        if (!this.cluster)
            return [];
        const tasks = await monitor_describeRunTasks(this.ecs, this.cluster, this.runId);
        const lines = [];
        for (const task of tasks) {
            const line = describeTask(task);
            if (task.taskArn && this.known.get(task.taskArn) !== line) {
                this.known.set(task.taskArn, line);
                lines.push(line);
            }
        }
        return lines;
    }
}
/** Every task of the run, running or stopped. */
async function monitor_describeRunTasks(ecs, cluster, runId) {
    const arns = [];
    for (const desiredStatus of ['RUNNING', 'STOPPED']) {
        let nextToken;
        do {
            const page = await ecs.send(new ListTasksCommand({ cluster, startedBy: runId, desiredStatus, nextToken }));
            arns.push(...(page.taskArns ?? []));
            nextToken = page.nextToken;
        } while (nextToken);
    }
    const tasks = [];
    for (let i = 0; i < arns.length; i += 100) {
        const page = await ecs.send(new DescribeTasksCommand({ cluster, tasks: arns.slice(i, i + 100) }));
        tasks.push(...(page.tasks ?? []));
    }
    return tasks;
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

;// CONCATENATED MODULE: ./src/backend/aws/cleanup.ts




/**
 * Stops a run: its execution (when still running) and every ECS task started for it. Safe to call
 * more than once; an execution or task that already ended is left alone.
 */
async function stopRun(execution, log, clients = createAwsClients(execution.region)) {
    const { status } = await clients.stepFunctions.send(new client_sfn_dist_cjs/* DescribeExecutionCommand */.tVP({ executionArn: execution.arn }));
    if (status === 'RUNNING') {
        await clients.stepFunctions.send(new client_sfn_dist_cjs/* StopExecutionCommand */.WP$({
            executionArn: execution.arn,
            error: 'DistributedLocust.Cancelled',
            cause: 'The workflow step was cancelled or stopped.'
        }));
        log(`Stopped execution ${execution.arn}.`);
    }
    if (!execution.cluster)
        return;
    const stopped = await stopRunTasks(clients.ecs, execution.cluster, execution.runId);
    if (stopped > 0)
        log(`Stopped ${stopped} ECS task(s) of run ${execution.runId}.`);
}
/** Stops every task of the cluster that was started for the run; returns how many. */
async function stopRunTasks(ecs, cluster, runId) {
    let stopped = 0;
    let nextToken;
    do {
        const page = await ecs.send(new dist_cjs/* ListTasksCommand */.MYg({ cluster, startedBy: runId, desiredStatus: 'RUNNING', nextToken }));
        for (const task of page.taskArns ?? []) {
            await ecs.send(new dist_cjs/* StopTaskCommand */.PP1({ cluster, task, reason: `distributed-locust: run ${runId} stopped` }));
            stopped++;
        }
        nextToken = page.nextToken;
    } while (nextToken);
    return stopped;
}
/**
 * Waits until every task of the run has stopped, at most `limitMs`: a stopped master uploads the
 * results so far before it exits. Returns whether they all stopped in time.
 */
async function waitForRunTasksToStop(ecs, cluster, runId, clock, limitMs) {
    const deadline = clock.now() + limitMs;
    for (;;) {
        const tasks = await describeRunTasks(ecs, cluster, runId);
        if (tasks.every((task) => task.lastStatus === 'STOPPED'))
            return true;
        if (clock.now() >= deadline)
            return false;
        await clock.sleep(Math.min(500, deadline - clock.now()));
    }
}


/***/ })

};
