export const id = 213;
export const ids = [213];
export const modules = {

/***/ 6213:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CSV_PREFIX: () => (/* binding */ CSV_PREFIX),
  createAwsBackend: () => (/* binding */ createAwsBackend),
  executionInput: () => (/* binding */ executionInput)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sfn/dist-cjs/index.js
var client_sfn_dist_cjs = __webpack_require__(8476);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudformation/dist-cjs/index.js
var client_cloudformation_dist_cjs = __webpack_require__(3805);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var client_ecs_dist_cjs = __webpack_require__(212);
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
        ecs: new client_ecs_dist_cjs/* ECSClient */.Zgc(common),
        s3: new dist_cjs/* S3Client */.YxF(common)
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
function* backoff(firstMs = 1000, factor = 1.5, maxMs = 10_000) {
    for (let delay = firstMs;; delay = Math.min(maxMs, delay * factor))
        yield Math.round(delay);
}

;// CONCATENATED MODULE: ./src/backend/aws/tasks.ts

/** ARNs of the run's tasks (ECS `startedBy` = run id) with the given desired status, every page. */
async function listRunTaskArns(ecs, cluster, runId, desiredStatus) {
    const arns = [];
    let nextToken;
    do {
        const page = await ecs.send(new client_ecs_dist_cjs/* ListTasksCommand */.MYg({ cluster, startedBy: runId, desiredStatus, nextToken }));
        arns.push(...(page.taskArns ?? []));
        nextToken = page.nextToken;
    } while (nextToken);
    return arns;
}
/** Every task of the run, running or stopped. */
async function describeRunTasks(ecs, cluster, runId) {
    const arns = [
        ...(await listRunTaskArns(ecs, cluster, runId, 'RUNNING')),
        ...(await listRunTaskArns(ecs, cluster, runId, 'STOPPED'))
    ];
    const tasks = [];
    // DescribeTasks takes at most 100 tasks per call.
    for (let i = 0; i < arns.length; i += 100) {
        const page = await ecs.send(new client_ecs_dist_cjs/* DescribeTasksCommand */.z8X({ cluster, tasks: arns.slice(i, i + 100) }));
        tasks.push(...(page.tasks ?? []));
    }
    return tasks;
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
    const arns = await listRunTaskArns(ecs, cluster, runId, 'RUNNING');
    for (const task of arns) {
        await ecs.send(new client_ecs_dist_cjs/* StopTaskCommand */.PP1({ cluster, task, reason: `distributed-locust: run ${runId} stopped` }));
    }
    return arns.length;
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
        const execution = await clients.stepFunctions.send(new client_sfn_dist_cjs/* DescribeExecutionCommand */.tVP({ executionArn: options.executionArn }));
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
        const tasks = await describeRunTasks(this.ecs, this.cluster, this.runId);
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

;// CONCATENATED MODULE: ./src/backend/aws/run-id.ts
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/backend/aws/stage.ts




/**
 * Lists the locustfile and the data files and folders, each keyed by its path relative to the
 * working directory, so the container sees the same layout the locustfile was written for.
 */
async function listBundle(workingDirectory, paths) {
    const files = [];
    const visit = async (path) => {
        const info = await (0,promises_.stat)(path);
        if (info.isDirectory()) {
            for (const entry of (await (0,promises_.readdir)(path)).sort()) {
                if (entry === '__pycache__' || entry === '.git')
                    continue;
                await visit((0,external_node_path_.join)(path, entry));
            }
            return;
        }
        const key = (0,external_node_path_.relative)(workingDirectory, path);
        if (key.startsWith('..') || (0,external_node_path_.isAbsolute)(key)) {
            throw new Error(`${path} is outside the working directory ${workingDirectory}; move it inside, or set \`working-directory\` to a folder that holds the locustfile and its data.`);
        }
        files.push({ path, key: key.split(external_node_path_.sep).join('/') });
    };
    for (const path of paths)
        await visit(path);
    return files;
}
/** Uploads the bundle under `<prefix>`; returns the number of bytes sent. */
async function uploadBundle(s3, bucket, prefix, files) {
    let bytes = 0;
    for (const file of files) {
        const { size } = await (0,promises_.stat)(file.path);
        await s3.send(new dist_cjs/* PutObjectCommand */.wKZ({
            Bucket: bucket,
            Key: `${prefix}${file.key}`,
            Body: (0,external_node_fs_.createReadStream)(file.path),
            ContentLength: size
        }));
        bytes += size;
    }
    return bytes;
}

;// CONCATENATED MODULE: ./src/backend/aws/target.ts

/** Stack outputs the action reads (see cloudformation/template.yaml). */
const STACK_OUTPUTS = {
    stateMachineArn: 'StateMachineArn',
    bucket: 'BucketName',
    cluster: 'ClusterName',
    taskDefinition: 'TaskDefinitionArn',
    subnets: 'Subnets',
    securityGroups: 'SecurityGroupId',
    logGroupName: 'LogGroupName'
};
class AwsTargetError extends Error {
    name = 'AwsTargetError';
}
/**
 * Resolves the run target: the stack's outputs (when `stack-name` is given), overridden by any
 * explicit input. Reads only; nothing is created.
 */
async function resolveAwsTarget(settings, cloudFormation) {
    const outputs = settings.stackName
        ? await readStackOutputs(settings.stackName, cloudFormation)
        : {};
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
        logGroupName: fromStack('logGroupName')
    };
}
async function readStackOutputs(stackName, cloudFormation) {
    let stacks;
    try {
        stacks = (await cloudFormation.send(new client_cloudformation_dist_cjs/* DescribeStacksCommand */.Y47({ StackName: stackName }))).Stacks;
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
    if (stack.StackStatus && /(_FAILED|ROLLBACK_COMPLETE|DELETE_)/.test(stack.StackStatus)) {
        throw new AwsTargetError(`Stack '${stackName}' is in state ${stack.StackStatus}; fix or redeploy it before running tests.`);
    }
    return Object.fromEntries((stack.Outputs ?? []).flatMap((output) => output.OutputKey && output.OutputValue !== undefined
        ? [[output.OutputKey, output.OutputValue]]
        : []));
}

;// CONCATENATED MODULE: ./src/backend/aws/index.ts













const CSV_PREFIX = 'locust';
/**
 * How long a cancelled or timed-out run waits for its stopped tasks: the master uploads the results
 * so far first. Short enough to finish before the runner follows a cancel's SIGINT with SIGKILL (10 s).
 */
const STOPPING_WAIT_MS = 8_000;
/**
 * Runs the test on Fargate through the stack's state machine: validate and resolve the target →
 * stage the locustfile and data in S3 → start the execution → follow it → download the results.
 */
function createAwsBackend(dependencies = {}) {
    return {
        async run(config, hooks) {
            const clients = dependencies.clients ?? createAwsClients(config.aws.region);
            const clock = dependencies.clock ?? systemClock;
            const log = hooks.log ?? (() => undefined);
            // Everything that can reject the run happens before anything is written or started.
            const target = await resolveAwsTarget(config.aws, clients.cloudFormation);
            const bundle = await listBundle(config.workingDirectory, [config.locustfile, ...config.data]);
            const nonce = (dependencies.nonce ?? randomNonce)();
            const runId = deriveRunId(dependencies.env ?? process.env, nonce, new Date(clock.now()));
            const run = await startRun(config, { target, bundle, runId }, clients, clock, log);
            hooks.onStarted?.({
                execution: { arn: run.executionArn, region: target.region, cluster: target.cluster, runId }
            });
            const started = clock.now();
            const end = await monitorExecution(clients, {
                executionArn: run.executionArn,
                cluster: target.cluster,
                runId,
                clock,
                signal: hooks.signal ?? new AbortController().signal,
                deadline: started + config.timeoutMinutes * 60_000,
                log,
                onPoll: (elapsedMs) => hooks.onProgress?.({
                    elapsedSeconds: elapsedMs / 1000,
                    totalSeconds: config.runTimeSeconds
                })
            });
            const interruption = end.kind === 'finished'
                ? undefined
                : await stopInterruptedRun(run, end.kind, config, clients, clock, log);
            return collectOutcome(run, end, interruption, config, clients, log);
        }
    };
}
/** Stages the bundle and starts the execution. */
async function startRun(config, plan, clients, clock, log) {
    const { target, bundle, runId } = plan;
    const prefix = `runs/${runId}/`;
    const bytes = await uploadBundle(clients.s3, target.bucket, `${prefix}bundle/`, bundle);
    log(`Staged ${bundle.length} file(s), ${bytes} bytes, in s3://${target.bucket}/${prefix}bundle/`);
    const { executionArn } = await clients.stepFunctions.send(new client_sfn_dist_cjs/* StartExecutionCommand */.MX_({
        stateMachineArn: target.stateMachineArn,
        name: runId,
        input: JSON.stringify(executionInput(config, target, runId, clock.now()))
    }));
    if (!executionArn)
        throw new Error('Step Functions returned no execution ARN');
    const links = consoleLinks(target, executionArn);
    log(`Started run ${runId}: ${links[0].url ?? executionArn}`);
    return { runId, prefix, target, executionArn, links };
}
/**
 * Stops a cancelled or timed-out run and gives the master a moment to upload the results so far.
 * Returns the message that explains the interruption.
 */
async function stopInterruptedRun(run, kind, config, clients, clock, log) {
    const { target, runId } = run;
    await stopRun({ arn: run.executionArn, region: target.region, cluster: target.cluster, runId }, log, clients);
    if (target.cluster) {
        log(`Waiting up to ${STOPPING_WAIT_MS / 1000} s for the master to upload the results so far…`);
        const stopped = await waitForRunTasksToStop(clients.ecs, target.cluster, runId, clock, STOPPING_WAIT_MS);
        if (!stopped)
            log('Some tasks are still stopping; the results may be incomplete.');
    }
    return kind === 'cancelled'
        ? 'The run was cancelled; every task was stopped. Results so far are shown.'
        : `The run did not finish within timeout-minutes (${config.timeoutMinutes}); every task was stopped.`;
}
/** Downloads the results and tells how the run ended: the execution's error, the tasks' exits. */
async function collectOutcome(run, end, interruption, config, clients, log) {
    const execution = end.kind === 'finished' ? end.execution : undefined;
    let error = interruption;
    if (execution && execution.status !== 'SUCCEEDED') {
        error = `Step Functions execution ${execution.status}: ${execution.error ?? 'no error name'}: ${execution.cause ?? 'no cause given'}`;
    }
    if (error !== undefined && run.target.cluster) {
        const tasks = await describeRunTasks(clients.ecs, run.target.cluster, run.runId);
        const stopped = tasks.filter((task) => task.lastStatus === 'STOPPED').map(describeTask);
        if (stopped.length > 0)
            error += `\nECS tasks: ${stopped.join('; ')}`;
    }
    const downloaded = await downloadResults(clients.s3, run.target.bucket, `${run.prefix}results/`, config.resultsDir);
    log(`Downloaded ${downloaded} result file(s) into ${config.resultsDir}`);
    const container = await readContainerResult(config.resultsDir);
    const output = execution?.output
        ? JSON.parse(execution.output)
        : {};
    if (error === undefined && output.masterExitCode !== undefined && output.masterExitCode !== 0) {
        error = `The Locust master container exited with code ${output.masterExitCode}; see master.log in the results.`;
    }
    return {
        resultsDir: config.resultsDir,
        csvPrefix: CSV_PREFIX,
        locustExitCode: container.locustExitCode ?? undefined,
        error,
        partial: error !== undefined || container.partial === true,
        facts: {
            workersConnected: container.workersConnected,
            locustVersion: container.locustVersion,
            startedAt: container.startedAt ?? execution?.startDate?.toISOString(),
            endedAt: container.endedAt ?? execution?.stopDate?.toISOString(),
            durationSeconds: execution?.startDate && execution.stopDate
                ? (execution.stopDate.getTime() - execution.startDate.getTime()) / 1000
                : undefined,
            links: [{ label: 'Run id', value: run.runId }, ...run.links]
        }
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
        runTimeSeconds: config.runTimeSeconds,
        ...(config.host ? { host: config.host } : {}),
        locustArgs: config.locustArgs,
        workers: config.workers,
        bucket: target.bucket,
        ...(target.cluster ? { cluster: target.cluster } : {}),
        ...(target.taskDefinition ? { taskDefinition: target.taskDefinition } : {}),
        ...(target.subnets ? { subnets: target.subnets } : {}),
        ...(target.securityGroups ? { securityGroups: target.securityGroups } : {}),
        assignPublicIp: config.aws.assignPublicIp ? 'ENABLED' : 'DISABLED',
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
/** Copies every object under `prefix` into `folder`; returns how many. */
async function downloadResults(s3, bucket, prefix, folder) {
    await (0,promises_.mkdir)(folder, { recursive: true });
    let count = 0;
    let token;
    do {
        const page = await s3.send(new dist_cjs/* ListObjectsV2Command */.u6x({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const object of page.Contents ?? []) {
            if (!object.Key || object.Key.endsWith('/'))
                continue;
            const target = (0,external_node_path_.join)(folder, ...object.Key.slice(prefix.length).split('/'));
            const body = await s3.send(new dist_cjs/* GetObjectCommand */.jLs({ Bucket: bucket, Key: object.Key }));
            await (0,promises_.mkdir)((0,external_node_path_.dirname)(target), { recursive: true });
            await (0,promises_.writeFile)(target, await body.Body.transformToByteArray());
            count++;
        }
        token = page.NextContinuationToken;
    } while (token);
    return count;
}
async function readContainerResult(folder) {
    try {
        return JSON.parse(await (0,promises_.readFile)((0,external_node_path_.join)(folder, 'result.json'), 'utf8'));
    }
    catch {
        return {};
    }
}


/***/ })

};
