export const id = 858;
export const ids = [858,62];
export const modules = {

/***/ 56858:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   stopRun: () => (/* binding */ stopRun)
/* harmony export */ });
/* unused harmony export stopRunTasks */
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(80212);
/* harmony import */ var _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(18476);
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(54062);
/* harmony import */ var _tasks_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(94068);




/**
 * Stops a run: its execution (when still running) and every ECS task started for it. Safe to call
 * more than once; an execution or task that already ended is left alone.
 */
async function stopRun(execution, log, clients = (0,_clients_js__WEBPACK_IMPORTED_MODULE_0__.createAwsClients)(execution.region)) {
    const { status } = await clients.stepFunctions.send(new _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_1__/* .DescribeExecutionCommand */ .tVP({ executionArn: execution.arn }));
    if (status === 'RUNNING') {
        await clients.stepFunctions.send(new _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_1__/* .StopExecutionCommand */ .WP$({
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
    const arns = await (0,_tasks_js__WEBPACK_IMPORTED_MODULE_2__/* .listRunTaskArns */ .Ff)(ecs, cluster, runId);
    for (const task of arns) {
        await ecs.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .StopTaskCommand */ .PP1({ cluster, task, reason: `distributed-locust: run ${runId} stopped` }));
    }
    return arns.length;
}


/***/ }),

/***/ 54062:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createAwsClients: () => (/* binding */ createAwsClients)
/* harmony export */ });
/* unused harmony export awsClientConfig */
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

/***/ 94068:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

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
