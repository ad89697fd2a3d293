export const id = 645;
export const ids = [645];
export const modules = {

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

/***/ 9645:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  deployAwsStack: () => (/* binding */ deployAwsStack)
});

// EXTERNAL MODULE: ./build/src/backend/aws/clients.js
var aws_clients = __webpack_require__(5044);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudformation/dist-cjs/index.js
var dist_cjs = __webpack_require__(3805);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var client_s3_dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./build/src/backend/aws/target.js
var target = __webpack_require__(399);
;// CONCATENATED MODULE: ./build/src/backend/aws/deploy/change-set.js
/**
 * `distributed-locust deploy`: creates or updates the stack of cloudformation/template.yaml through
 * a change set, the template uploaded to S3 first (the stack's bucket, or one given), so the
 * template is not bound by CloudFormation's 51,200-byte limit on inline templates; then follows the
 * stack's events until it is done, printing each with the share of resources done. It runs with
 * the deployer's credentials, never the GitHub role's (whose grants cover src/backend/aws/*.ts).
 */




/** CloudFormation's limit on a template passed inline (TemplateBody). */
const INLINE_TEMPLATE_BYTES = 51_200;
/** How often the change set and the stack's events are read. */
const POLL_MS = 5_000;
/** A stack update longer than this is left to CloudFormation (it goes on; the command stops). */
const DEPLOY_LIMIT_MS = 90 * 60_000;
async function deployStack(clients, request, hooks) {
    const existing = await describeStack(clients.cloudFormation, request.stackName);
    if (existing?.StackStatus === 'ROLLBACK_COMPLETE') {
        throw new Error(`Stack ${request.stackName} is ROLLBACK_COMPLETE: its creation failed and it cannot be updated. Delete it (aws cloudformation delete-stack --stack-name ${request.stackName}) and deploy again.`);
    }
    const creating = existing === undefined || existing.StackStatus === 'REVIEW_IN_PROGRESS';
    const template = await templateSource(clients.s3, request, existing);
    const changeSetName = `distributed-locust-${hooks.now()}`;
    hooks.log(`${creating ? 'Creating' : 'Updating'} stack ${request.stackName} in ${request.region} (${template.where})…`);
    await clients.cloudFormation.send(new dist_cjs/* CreateChangeSetCommand */.YDU({
        StackName: request.stackName,
        ChangeSetName: changeSetName,
        ChangeSetType: creating ? 'CREATE' : 'UPDATE',
        ...template.source,
        Parameters: parametersFor(request, creating ? undefined : existing),
        Capabilities: ['CAPABILITY_IAM']
    }));
    const changeSet = await waitForChangeSet(clients.cloudFormation, request, changeSetName, hooks);
    if (changeSet.unchanged) {
        await clients.cloudFormation.send(new dist_cjs/* DeleteChangeSetCommand */.$GE({ StackName: request.stackName, ChangeSetName: changeSetName }));
        return {
            ok: true,
            status: 'unchanged',
            message: `Stack ${request.stackName} is already up to date.`
        };
    }
    if (!changeSet.ok) {
        return { ok: false, status: 'change set failed', message: changeSet.message };
    }
    hooks.log(`Change set ${changeSetName}: ${changeSet.resources} resource change(s).`);
    const startedAt = hooks.now();
    await clients.cloudFormation.send(new dist_cjs/* ExecuteChangeSetCommand */.PB_({ StackName: request.stackName, ChangeSetName: changeSetName }));
    return followStack(clients.cloudFormation, request.stackName, changeSet.resources, startedAt, hooks);
}
async function describeStack(cloudFormation, stackName) {
    try {
        return (await cloudFormation.send(new dist_cjs/* DescribeStacksCommand */.Y47({ StackName: stackName })))
            .Stacks?.[0];
    }
    catch (error) {
        if (/does not exist/.test(error.message))
            return undefined;
        throw error;
    }
}
/** The template in S3 (TemplateURL), or inline when no bucket is known yet and it fits. */
async function templateSource(s3, request, existing) {
    const bucket = request.templateBucket ??
        existing?.Outputs?.find((output) => output.OutputKey === target/* STACK_OUTPUTS */.Wv.bucket)?.OutputValue;
    const bytes = Buffer.byteLength(request.template);
    if (!bucket) {
        if (bytes > INLINE_TEMPLATE_BYTES) {
            throw new Error(`The template has ${bytes} bytes, over CloudFormation's ${INLINE_TEMPLATE_BYTES} for a template passed inline, and stack ${request.stackName} has no bucket yet: pass --template-bucket <a bucket of yours in ${request.region}>.`);
        }
        return { source: { TemplateBody: request.template }, where: `template inline, ${bytes} bytes` };
    }
    const digest = (0,external_node_crypto_.createHash)('sha256').update(request.template).digest('hex').slice(0, 16);
    const key = `templates/${request.stackName}-${digest}.yaml`;
    await s3.send(new client_s3_dist_cjs/* PutObjectCommand */.wKZ({
        Bucket: bucket,
        Key: key,
        Body: request.template,
        ContentType: 'text/yaml'
    }));
    return {
        source: { TemplateURL: `https://${bucket}.s3.${request.region}.amazonaws.com/${key}` },
        where: `template uploaded to s3://${bucket}/${key}, ${bytes} bytes`
    };
}
/** The parameters given; on an update, every other parameter of the template keeps its value. */
function parametersFor(request, existing) {
    const given = Object.entries(request.parameters).map(([ParameterKey, ParameterValue]) => ({
        ParameterKey,
        ParameterValue
    }));
    if (!existing)
        return given;
    const declared = new Set(templateSectionKeys(request.template, 'Parameters'));
    const kept = (existing.Parameters ?? [])
        .map((parameter) => parameter.ParameterKey ?? '')
        .filter((key) => declared.has(key) && !(key in request.parameters))
        .map((ParameterKey) => ({ ParameterKey, UsePreviousValue: true }));
    return [...given, ...kept];
}
/**
 * The names in a top-level section of a template (Parameters, Resources…): JSON, as the shipped
 * template is, or YAML with the section's keys indented by two spaces.
 */
function templateSectionKeys(template, section) {
    try {
        return Object.keys(JSON.parse(template)[section] ?? {});
    }
    catch {
        const body = new RegExp(`^${section}:\\n((?:(?: {2}.*| *)?\\n)*)`, 'm').exec(template)?.[1] ?? '';
        return [...body.matchAll(/^ {2}([A-Za-z0-9]+):/gm)].map(([, name]) => name);
    }
}
async function waitForChangeSet(cloudFormation, request, changeSetName, hooks) {
    const deadline = hooks.now() + DEPLOY_LIMIT_MS;
    for (;;) {
        const changeSet = await cloudFormation.send(new dist_cjs/* DescribeChangeSetCommand */.TTT({ StackName: request.stackName, ChangeSetName: changeSetName }));
        if (changeSet.Status === 'CREATE_COMPLETE') {
            return { ok: true, unchanged: false, resources: changeSet.Changes?.length ?? 0 };
        }
        if (changeSet.Status === 'FAILED') {
            const reason = changeSet.StatusReason ?? 'no reason given';
            return {
                ok: false,
                unchanged: /didn't contain changes|No updates are to be performed/.test(reason),
                message: `CloudFormation refused the change set for stack ${request.stackName}: ${reason}`
            };
        }
        if (hooks.now() > deadline) {
            return {
                ok: false,
                unchanged: false,
                message: `The change set ${changeSetName} was still ${changeSet.Status} after ${DEPLOY_LIMIT_MS / 60_000} minutes; see it in the CloudFormation console.`
            };
        }
        await hooks.sleep(POLL_MS);
    }
}
const SUCCEEDED = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE']);
/** Prints the stack's new events, oldest first, until it reaches a final status. */
async function followStack(cloudFormation, stackName, resources, startedAt, hooks) {
    const seen = new Set();
    const done = new Set();
    let firstFailure;
    const deadline = startedAt + DEPLOY_LIMIT_MS;
    for (;;) {
        const events = await newEvents(cloudFormation, stackName, startedAt, seen);
        let stackStatus;
        for (const event of events) {
            const status = event.ResourceStatus ?? '';
            const isStack = event.LogicalResourceId === stackName;
            if (!isStack && status.endsWith('_COMPLETE'))
                done.add(event.LogicalResourceId ?? '');
            if (status.endsWith('_FAILED'))
                firstFailure ??= event;
            if (isStack)
                stackStatus = status;
            const reason = event.ResourceStatusReason ? ` (${event.ResourceStatusReason})` : '';
            hooks.log(`[${Math.min(done.size, resources)}/${resources}] ${event.LogicalResourceId} ${status}${reason}`);
        }
        if (stackStatus && isFinal(stackStatus)) {
            const ok = SUCCEEDED.has(stackStatus);
            const cause = firstFailure
                ? `; first failure: ${firstFailure.LogicalResourceId} ${firstFailure.ResourceStatus} (${firstFailure.ResourceStatusReason ?? 'no reason given'})`
                : '';
            return {
                ok,
                status: stackStatus,
                message: ok
                    ? `Stack ${stackName} is ${stackStatus}.`
                    : `Stack ${stackName} ended ${stackStatus}${cause}.`
            };
        }
        if (hooks.now() > deadline) {
            return {
                ok: false,
                status: stackStatus ?? 'in progress',
                message: `Stack ${stackName} was not done after ${DEPLOY_LIMIT_MS / 60_000} minutes; CloudFormation goes on: follow it in its console.`
            };
        }
        await hooks.sleep(POLL_MS);
    }
}
function isFinal(status) {
    return ((status.endsWith('_COMPLETE') && !status.endsWith('CLEANUP_COMPLETE')) ||
        status.endsWith('_FAILED'));
}
/** Events after `startedAt` not printed yet, oldest first (CloudFormation lists newest first). */
async function newEvents(cloudFormation, stackName, startedAt, seen) {
    const fresh = [];
    let nextToken;
    do {
        const page = await cloudFormation.send(new dist_cjs/* DescribeStackEventsCommand */.Ie9({ StackName: stackName, NextToken: nextToken }));
        const events = page.StackEvents ?? [];
        const unseen = events.filter((event) => !seen.has(event.EventId ?? '') && (event.Timestamp?.getTime() ?? 0) >= startedAt - 1000);
        fresh.push(...unseen);
        // Past what was printed or before this deploy: older pages hold nothing new.
        nextToken = unseen.length === events.length ? page.NextToken : undefined;
    } while (nextToken);
    for (const event of fresh)
        seen.add(event.EventId ?? '');
    return fresh.reverse();
}

;// CONCATENATED MODULE: ./build/src/backend/aws/deploy/deploy-stack.js


const deployAwsStack = async ({ settings, template, templateBucket, parameters }, hooks) => {
    const clients = (0,aws_clients/* createAwsClients */.G)(settings.region);
    try {
        return await deployStack(clients, {
            stackName: settings.stackName ?? '',
            region: settings.region ?? '',
            template,
            templateBucket,
            parameters
        }, hooks);
    }
    catch (error) {
        return { ok: false, message: error.message };
    }
    finally {
        for (const client of Object.values(clients))
            client.destroy();
    }
};


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
