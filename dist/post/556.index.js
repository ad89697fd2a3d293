export const id = 556;
export const ids = [556];
export const modules = {

/***/ 4556:
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

;// CONCATENATED MODULE: ./src/backend/aws/tasks.ts

/** ARNs of the run's tasks (ECS `startedBy` = run id) with the given desired status, every page. */
async function listRunTaskArns(ecs, cluster, runId, desiredStatus) {
    const arns = [];
    let nextToken;
    do {
        const page = await ecs.send(new dist_cjs/* ListTasksCommand */.MYg({ cluster, startedBy: runId, desiredStatus, nextToken }));
        arns.push(...(page.taskArns ?? []));
        nextToken = page.nextToken;
    } while (nextToken);
    return arns;
}
/** Every task of the run, running or stopped. */
async function tasks_describeRunTasks(ecs, cluster, runId) {
    const arns = [
        ...(await listRunTaskArns(ecs, cluster, runId, 'RUNNING')),
        ...(await listRunTaskArns(ecs, cluster, runId, 'STOPPED'))
    ];
    const tasks = [];
    // DescribeTasks takes at most 100 tasks per call.
    for (let i = 0; i < arns.length; i += 100) {
        const page = await ecs.send(new DescribeTasksCommand({ cluster, tasks: arns.slice(i, i + 100) }));
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
        await ecs.send(new dist_cjs/* StopTaskCommand */.PP1({ cluster, task, reason: `distributed-locust: run ${runId} stopped` }));
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


/***/ })

};
