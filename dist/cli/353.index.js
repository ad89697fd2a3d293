export const id = 353;
export const ids = [353];
export const modules = {

/***/ 7322:
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

/***/ 7353:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FARGATE_VCPU_QUOTA: () => (/* binding */ FARGATE_VCPU_QUOTA),
/* harmony export */   diagnose: () => (/* binding */ diagnose),
/* harmony export */   isFargateSize: () => (/* binding */ isFargateSize),
/* harmony export */   parseEcrImage: () => (/* binding */ parseEcrImage),
/* harmony export */   worstLevel: () => (/* binding */ worstLevel)
/* harmony export */ });
/* harmony import */ var _credentials_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7322);
/* harmony import */ var _stack_status_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(871);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(399);
/**
 * The doctor's judgement: the facts gathered about a stack and its account in, one finding per
 * check out (ok / warning / error, each problem with its fix). Pure: no AWS call, no clock.
 */



/** Fargate's service code and the quota code of "Fargate On-Demand vCPU resource count". */
const FARGATE_VCPU_QUOTA = { serviceCode: 'fargate', quotaCode: 'L-3032A538' };
/** Share of the vCPU quota above which a run leaves little room for anything else. */
const QUOTA_HEADROOM = 0.8;
/** The outputs a run reads from the stack (the others are for people). */
const REQUIRED_OUTPUTS = [
    _target_js__WEBPACK_IMPORTED_MODULE_1__/* .STACK_OUTPUTS */ .Wv.stateMachineArn,
    _target_js__WEBPACK_IMPORTED_MODULE_1__/* .STACK_OUTPUTS */ .Wv.bucket,
    _target_js__WEBPACK_IMPORTED_MODULE_1__/* .STACK_OUTPUTS */ .Wv.cluster,
    _target_js__WEBPACK_IMPORTED_MODULE_1__/* .STACK_OUTPUTS */ .Wv.taskDefinition,
    _target_js__WEBPACK_IMPORTED_MODULE_1__/* .STACK_OUTPUTS */ .Wv.subnets,
    _target_js__WEBPACK_IMPORTED_MODULE_1__/* .STACK_OUTPUTS */ .Wv.securityGroups
];
/** Services a task reaches from its subnet: the image (ECR API and registry), S3, its logs. */
const TASK_ENDPOINT_SERVICES = ['ecr.api', 'ecr.dkr', 's3', 'logs'];
function diagnose(facts) {
    // Without credentials every other call failed the same way: one finding says it.
    if (!facts.caller.ok)
        return callerFindings(facts);
    return [
        ...callerFindings(facts),
        ...stackFindings(facts),
        ...taskDefinitionFindings(facts),
        ...imageFindings(facts),
        ...networkFindings(facts),
        ...quotaFindings(facts),
        credentialsFinding(facts),
        ...permissionFindings(facts)
    ];
}
/** The worst level among the findings: what the doctor's exit code reflects. */
function worstLevel(findings) {
    if (findings.some((finding) => finding.level === 'error'))
        return 'error';
    if (findings.some((finding) => finding.level === 'warning'))
        return 'warning';
    return 'ok';
}
function callerFindings({ caller }) {
    if (caller.ok) {
        return [{ check: 'credentials', level: 'ok', message: `Calling AWS as ${caller.value.arn}.` }];
    }
    return [
        {
            check: 'credentials',
            level: 'error',
            message: `No usable AWS credentials: ${caller.error}`,
            fix: 'Configure credentials (aws configure, AWS_PROFILE, or aws-actions/configure-aws-credentials in a workflow) for the account of the stack.'
        }
    ];
}
function stackFindings({ stack, request }) {
    const name = request.stackName;
    if (!stack.ok) {
        const missing = /does not exist/.test(stack.error);
        return [
            {
                check: 'stack',
                level: 'error',
                message: missing
                    ? `Stack '${name}' does not exist in ${request.region}.`
                    : `Could not read stack '${name}': ${stack.error}`,
                fix: missing
                    ? 'Deploy cloudformation/template.yaml (cloudformation/README.md), or pass the region it is in with --aws-region.'
                    : 'Allow cloudformation:DescribeStacks on the stack to the caller.'
            }
        ];
    }
    const findings = [];
    const usability = (0,_stack_status_js__WEBPACK_IMPORTED_MODULE_0__/* .stackUsability */ .V)(stack.value.status);
    if (!usability.usable) {
        findings.push({
            check: 'stack',
            level: 'error',
            message: `Stack '${name}' is in state ${stack.value.status}, in which it cannot run tests.`,
            fix: `${capitalise(usability.fix)}.`
        });
    }
    else if (usability.changing) {
        findings.push({
            check: 'stack',
            level: 'warning',
            message: `Stack '${name}' is in state ${stack.value.status}: an update is under way.`,
            fix: 'Run tests once the update has ended; a run during it may meet resources being replaced.'
        });
    }
    else {
        findings.push({
            check: 'stack',
            level: 'ok',
            message: `Stack '${name}' is ${stack.value.status}.`
        });
    }
    const missing = REQUIRED_OUTPUTS.filter((key) => !stack.value.outputs[key]);
    findings.push(missing.length === 0
        ? { check: 'stack outputs', level: 'ok', message: 'Every output a run reads is there.' }
        : {
            check: 'stack outputs',
            level: 'error',
            message: `Stack '${name}' lacks the output(s) ${missing.join(', ')}.`,
            fix: 'Update the stack with cloudformation/template.yaml of this version.'
        });
    return findings;
}
/** Fargate's CPU (units) → memory (MiB) combinations: from, to, step. */
const FARGATE_MEMORY = {
    '256': [512, 2048, 512],
    '512': [1024, 4096, 1024],
    '1024': [2048, 8192, 1024],
    '2048': [4096, 16384, 1024],
    '4096': [8192, 30720, 1024],
    '8192': [16384, 61440, 4096],
    '16384': [32768, 122880, 8192]
};
function isFargateSize(cpu, memory) {
    const range = FARGATE_MEMORY[cpu];
    const mib = Number(memory);
    if (!range || !Number.isInteger(mib))
        return false;
    const [from, to, step] = range;
    // 256 CPU units also take 512 MiB steps from 512, which the table's step already gives.
    return mib >= from && mib <= to && (mib - from) % step === 0;
}
function taskDefinitionFindings({ taskDefinition }) {
    if (!taskDefinition)
        return [];
    if (!taskDefinition.ok) {
        return [
            {
                check: 'task definition',
                level: 'error',
                message: `Could not describe the task definition: ${taskDefinition.error}`,
                fix: 'Check the stack output TaskDefinitionArn (or the --task-definition flag) and allow ecs:DescribeTaskDefinition to the caller.'
            }
        ];
    }
    const { arn, cpu, memory } = taskDefinition.value;
    if (!cpu || !memory || !isFargateSize(cpu, memory)) {
        return [
            {
                check: 'task definition',
                level: 'error',
                message: `Task definition ${arn} asks for ${cpu ?? '?'} CPU units and ${memory ?? '?'} MiB, which Fargate does not offer.`,
                fix: 'Redeploy with TaskCpu and TaskMemory a valid Fargate combination (e.g. 1024 and 2048).'
            }
        ];
    }
    return [
        {
            check: 'task definition',
            level: 'ok',
            message: `Each task has ${Number(cpu) / 1024} vCPU and ${memory} MiB (${arn}).`
        }
    ];
}
/** `<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@digest]`, parsed. */
function parseEcrImage(image) {
    const match = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]{64}))?$/.exec(image);
    if (!match)
        return undefined;
    const [, account, region, repository, tag, digest] = match;
    return { account, region, repository, tag: tag ?? (digest ? undefined : 'latest'), digest };
}
function imageFindings({ taskDefinition, image, caller, request }) {
    const reference = taskDefinition?.ok ? taskDefinition.value.image : undefined;
    if (!reference)
        return [];
    if (!image) {
        const ecr = parseEcrImage(reference);
        const ownAccount = caller.ok ? caller.value.account : undefined;
        return [
            {
                check: 'image',
                level: 'warning',
                message: `The image ${reference} is not in this account's ECR in ${request.region}; its presence cannot be checked here.`,
                fix: ecr
                    ? `Make sure it exists and that the stack's task execution role may pull it: a repository of account ${ecr.account}${ownAccount && ecr.account !== ownAccount ? ` (not ${ownAccount})` : ''} needs a repository policy that allows it.`
                    : 'Make sure it exists and is public, or give the task execution role the credentials to pull it.'
            }
        ];
    }
    if (!image.ok) {
        return [
            {
                check: 'image',
                level: 'warning',
                message: `Could not look up the image ${reference}: ${image.error}`,
                fix: 'Allow ecr:DescribeImages on the stack repository to the caller, or check the image by hand.'
            }
        ];
    }
    switch (image.value.kind) {
        case 'present':
            return [{ check: 'image', level: 'ok', message: `The image ${reference} is in ECR.` }];
        case 'missing-image':
            return [
                {
                    check: 'image',
                    level: 'error',
                    message: `The image ${reference} is not in ECR: every task would stop with CannotPullContainerError.`,
                    fix: 'Build and push docker/ with that tag (cloudformation/README.md, "Build and push the image").'
                }
            ];
        case 'missing-repository':
            return [
                {
                    check: 'image',
                    level: 'error',
                    message: `The ECR repository of ${reference} does not exist.`,
                    fix: 'Redeploy the stack (it creates the repository), or set ContainerImage to an image that exists.'
                }
            ];
    }
}
function networkFindings({ network, request }) {
    if (!network)
        return [];
    if (!network.ok) {
        return [
            {
                check: 'network',
                level: 'warning',
                message: `Could not read the subnets and their routes: ${network.error}`,
                fix: 'Allow ec2:DescribeSubnets, ec2:DescribeRouteTables and ec2:DescribeVpcEndpoints to the caller, or check by hand that the subnets reach ECR, S3 and the target.'
            }
        ];
    }
    return [
        ...network.value.unknownSubnets.map((id) => ({
            check: `subnet ${id}`,
            level: 'error',
            message: `Subnet ${id} does not exist in ${request.region}.`,
            fix: 'Update the stack parameter Subnets (or the --subnet flags) with existing subnets.'
        })),
        ...network.value.subnets.map((subnet) => subnetFinding(subnet, network.value, request))
    ];
}
function subnetFinding(subnet, network, request) {
    const check = `subnet ${subnet.id}`;
    const missingEndpoints = TASK_ENDPOINT_SERVICES.filter((service) => !network.endpointServices.includes(`com.amazonaws.${request.region}.${service}`));
    const throughEndpoints = {
        check,
        level: 'warning',
        message: `Subnet ${subnet.id} reaches ECR, S3 and CloudWatch Logs only through VPC endpoints.`,
        fix: 'Make sure the target of the test is reachable from inside the VPC.'
    };
    switch (subnet.defaultRoute) {
        case 'nat':
            return {
                check,
                level: 'ok',
                message: `Subnet ${subnet.id} is private with a NAT gateway: tasks reach ECR, S3 and the internet.`
            };
        case 'internet-gateway':
            if (request.assignPublicIp) {
                return {
                    check,
                    level: 'ok',
                    message: `Subnet ${subnet.id} is public and tasks get public IPs.`
                };
            }
            if (missingEndpoints.length === 0)
                return throughEndpoints;
            return {
                check,
                level: 'error',
                message: `Subnet ${subnet.id} routes to an internet gateway, but tasks get no public IP: they cannot pull the image or reach S3.`,
                fix: 'Pass --assign-public-ip (input `assign-public-ip: true`), or use private subnets with a NAT gateway.'
            };
        case 'other':
            return {
                check,
                level: 'warning',
                message: `Subnet ${subnet.id} sends internet traffic through ${subnet.via ?? 'a route the doctor cannot follow'}.`,
                fix: 'Make sure that path reaches ECR, S3 and the target (a NAT behind a transit gateway does).'
            };
        case 'none':
            if (missingEndpoints.length === 0)
                return throughEndpoints;
            return {
                check,
                level: 'error',
                message: `Subnet ${subnet.id} has no route to the internet and no VPC endpoint for ${missingEndpoints.join(', ')}: tasks cannot pull the image or reach S3.`,
                fix: 'Add a NAT gateway route (0.0.0.0/0) to its route table, or VPC endpoints for ECR (api, dkr), S3 and CloudWatch Logs.'
            };
    }
}
function quotaFindings({ vcpuQuota, taskDefinition, request }) {
    const cpu = taskDefinition?.ok ? Number(taskDefinition.value.cpu) : NaN;
    if (!Number.isFinite(cpu))
        return [];
    const needed = ((request.workers + 1) * cpu) / 1024;
    const tasks = `${request.workers + 1} tasks (master and ${request.workers} worker(s)) of ${cpu / 1024} vCPU`;
    if (!vcpuQuota.ok) {
        return [
            {
                check: 'Fargate vCPU quota',
                level: 'warning',
                message: `Could not read the Fargate vCPU quota: ${vcpuQuota.error}. The run needs ${needed} vCPU: ${tasks}.`,
                fix: `Allow servicequotas:GetServiceQuota to the caller, or compare by hand: Service Quotas → AWS Fargate → ${FARGATE_VCPU_QUOTA.quotaCode}.`
            }
        ];
    }
    const quota = vcpuQuota.value;
    const increase = `Request an increase of "Fargate On-Demand vCPU resource count" (${FARGATE_VCPU_QUOTA.quotaCode}) in Service Quotas for ${request.region}, or run fewer workers.`;
    if (needed > quota) {
        return [
            {
                check: 'Fargate vCPU quota',
                level: 'error',
                message: `The run needs ${needed} vCPU (${tasks}); the region's Fargate quota is ${quota}.`,
                fix: increase
            }
        ];
    }
    if (needed > quota * QUOTA_HEADROOM) {
        return [
            {
                check: 'Fargate vCPU quota',
                level: 'warning',
                message: `The run needs ${needed} of the region's ${quota} Fargate vCPU; other Fargate tasks of the account share them.`,
                fix: increase
            }
        ];
    }
    return [
        {
            check: 'Fargate vCPU quota',
            level: 'ok',
            message: `The run needs ${needed} of the region's ${quota} Fargate vCPU.`
        }
    ];
}
function credentialsFinding({ credentials, now, request }) {
    const check = 'credentials lifetime';
    const problem = (0,_credentials_js__WEBPACK_IMPORTED_MODULE_2__/* .credentialsLifetimeProblem */ .t)(credentials, now, request.timeoutMinutes);
    if (problem)
        return { check, level: 'warning', ...problem };
    const message = credentials.kind === 'expires'
        ? `The credentials last until ${credentials.at.toISOString()}, past a ${request.timeoutMinutes}-minute timeout.`
        : credentials.kind === 'session-of-unknown-length'
            ? `The credentials are a session of unknown length; a ${request.timeoutMinutes}-minute timeout fits in the usual hour.`
            : 'The credentials report no expiry.';
    return { check, level: 'ok', message };
}
function permissionFindings({ permissions }) {
    return permissions.map(({ subject, principal, decisions }) => {
        const check = `permissions of the ${subject}`;
        if (!decisions.ok) {
            return {
                check,
                level: 'warning',
                message: `Could not simulate the permissions of ${principal}: ${decisions.error}`,
                fix: 'Allow iam:SimulatePrincipalPolicy to the caller, or compare the policy by hand with the GitHubRole policy in cloudformation/template.yaml.'
            };
        }
        const denied = decisions.value.filter((decision) => !decision.allowed);
        if (denied.length === 0) {
            return {
                check,
                level: 'ok',
                message: `${principal} may make every call a run makes (${decisions.value.length} simulated).`
            };
        }
        return {
            check,
            level: 'error',
            message: `${principal} may not: ${denied.map((decision) => `${decision.action} on ${decision.resource}`).join('; ')}.`,
            fix: subject === 'caller'
                ? "Assume the stack's GitHub role (output GitHubRoleArn), or grant these actions as its policy in cloudformation/template.yaml does."
                : 'Update the stack with cloudformation/template.yaml of this version; the role may have been changed by hand.'
        };
    });
}
function capitalise(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
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
    logGroupName: 'LogGroupName'
};
class AwsTargetError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PreflightError */ .w {
}
/**
 * Resolves the run target: the stack's outputs (when `stack-name` is given), overridden by any
 * explicit input. Reads only; nothing is created.
 */
async function resolveAwsTarget(settings, cloudFormation, warn) {
    const outputs = settings.stackName
        ? await readStackOutputs(settings.stackName, cloudFormation, warn)
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
async function readStackOutputs(stackName, cloudFormation, warn) {
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
    return Object.fromEntries((stack.Outputs ?? []).flatMap((output) => output.OutputKey && output.OutputValue !== undefined
        ? [[output.OutputKey, output.OutputValue]]
        : []));
}


/***/ })

};
