export const id = 425;
export const ids = [425];
export const modules = {

/***/ 2425:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  stopRun: () => (/* binding */ stopRun)
});

// UNUSED EXPORTS: stopRunTasks

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


/***/ })

};
