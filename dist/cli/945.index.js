export const id = 945;
export const ids = [945];
export const modules = {

/***/ 9945:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   awsBaselineStore: () => (/* binding */ awsBaselineStore),
/* harmony export */   fetchBaseline: () => (/* binding */ fetchBaseline)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3711);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5044);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(399);
/**
 * The AWS baseline store: the baseline history of each branch (its last valid runs' results.json,
 * docs/baselines.md), kept in the stack's bucket under baselines/<owner>/<repo>/<branch>/history/,
 * one object per run named by when it was stored. Outside runs/, so the bucket's lifecycle rule
 * never expires it. baselines/<owner>/<repo>/<branch>/results.json is the one baseline earlier
 * versions kept; it is read while a branch has no history yet.
 */




const BASELINES_PREFIX = 'baselines/';
/** The key of a branch's baseline; the branch is URI-encoded, so "feature/x" stays one level. */
function baselineKey(repository, branch) {
    return `${BASELINES_PREFIX}${repository}/${encodeURIComponent(branch)}/results.json`;
}
/** The prefix of a branch's baseline history. */
function historyPrefix(repository, branch) {
    return `${BASELINES_PREFIX}${repository}/${encodeURIComponent(branch)}/history/`;
}
/** The keys of the history under `prefix`, newest first. */
async function historyKeys(s3, bucket, prefix) {
    const keys = [];
    let token;
    do {
        const page = await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_2__/* .ListObjectsV2Command */ .u6x({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const object of page.Contents ?? [])
            if (object.Key)
                keys.push(object.Key);
        token = page.NextContinuationToken;
    } while (token);
    return keys.sort().reverse();
}
async function storeBaseline(s3, bucket, key, resultsJson) {
    await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_2__/* .PutObjectCommand */ .wKZ({
        Bucket: bucket,
        Key: key,
        Body: resultsJson,
        ContentType: 'application/json'
    }));
}
/** The stored results.json text, or undefined when the branch has none yet. */
async function fetchBaseline(s3, bucket, key) {
    try {
        const { Body } = await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_2__/* .GetObjectCommand */ .jLs({ Bucket: bucket, Key: key }));
        return await Body?.transformToString('utf8');
    }
    catch (error) {
        if (error instanceof _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_2__/* .NoSuchKey */ ._kG || error.name === 'NoSuchKey') {
            return undefined;
        }
        const status = error.$metadata?.httpStatusCode;
        if (status === 403) {
            throw new Error(`Reading the baseline s3://${bucket}/${key} was denied (403): the credentials need ` +
                `s3:GetObject on s3://${bucket}/baselines/*, and s3:ListBucket on the bucket for a ` +
                'baseline not stored yet to read as missing rather than denied (the GitHub role of ' +
                'cloudformation/template.yaml has both; redeploy the stack if it predates them).', { cause: error });
        }
        throw error;
    }
}
/** The backend's baseline store: the bucket of the stack the settings name. */
const awsBaselineStore = {
    async fetch(settings, { repository, branch }, size) {
        const { s3, bucket } = await baselineBucket(settings);
        const prefix = historyPrefix(repository, branch);
        const keys = (await historyKeys(s3, bucket, prefix)).slice(0, size);
        // A branch whose baseline an earlier version stored has that one object until its next run.
        if (keys.length === 0)
            keys.push(baselineKey(repository, branch));
        const runs = [];
        for (const key of keys) {
            const text = await fetchBaseline(s3, bucket, key);
            if (text !== undefined)
                runs.push({ location: `s3://${bucket}/${key}`, text });
        }
        return { location: `s3://${bucket}/${prefix}`, runs };
    },
    async save(settings, { repository, branch }, resultsJson, { keep, restart }) {
        const { s3, bucket } = await baselineBucket(settings);
        const prefix = historyPrefix(repository, branch);
        // Time first, so that keys sort by age; the suffix keeps two runs of one millisecond apart.
        const stamp = new Date().toISOString().replace(/:/g, '-');
        const key = `${prefix}${stamp}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(3).toString('hex')}.json`;
        await storeBaseline(s3, bucket, key, resultsJson);
        const older = (await historyKeys(s3, bucket, prefix)).filter((known) => known !== key);
        const dropped = restart ? older : older.slice(Math.max(0, keep - 1));
        if (dropped.length > 0) {
            await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_2__/* .DeleteObjectsCommand */ .xvx({
                Bucket: bucket,
                Delete: { Objects: dropped.map((Key) => ({ Key })) }
            }));
        }
        return `s3://${bucket}/${key}`;
    }
};
async function baselineBucket(settings) {
    const clients = (0,_clients_js__WEBPACK_IMPORTED_MODULE_3__/* .createAwsClients */ .G)(settings.region);
    const target = await (0,_target_js__WEBPACK_IMPORTED_MODULE_1__/* .resolveAwsTarget */ .B4)(settings, clients.cloudFormation);
    return { s3: clients.s3, bucket: target.bucket };
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

/***/ 871:
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

/***/ 399:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B4: () => (/* binding */ resolveAwsTarget),
/* harmony export */   Wv: () => (/* binding */ STACK_OUTPUTS)
/* harmony export */ });
/* unused harmony export AwsTargetError */
/* harmony import */ var _aws_sdk_client_cloudformation__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3805);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7406);
/* harmony import */ var _stack_status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(871);



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


/***/ })

};
