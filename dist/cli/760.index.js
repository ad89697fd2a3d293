export const id = 760;
export const ids = [760];
export const modules = {

/***/ 2760:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   stopRun: () => (/* binding */ stopRun)
/* harmony export */ });
/* unused harmony export STOP_TASK_RATE */
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(212);
/* harmony import */ var _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8476);
/* harmony import */ var bottleneck__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2203);
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5044);
/* harmony import */ var _stage_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7814);
/* harmony import */ var _tasks_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7462);






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
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(212);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3711);
/* harmony import */ var _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8476);




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

/***/ 7814:
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
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3711);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7406);
/* harmony import */ var _run_host_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7585);
/* harmony import */ var _run_paths_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8559);







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

/***/ 7462:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BU: () => (/* binding */ describeRunTasks),
/* harmony export */   Ff: () => (/* binding */ listRunTaskArns),
/* harmony export */   he: () => (/* binding */ describeTaskArns)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(212);

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
