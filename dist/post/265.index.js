export const id = 265;
export const ids = [265];
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

/***/ 2265:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkStack: () => (/* binding */ checkStack)
});

// EXTERNAL MODULE: ./build/src/backend/aws/credentials.js
var aws_credentials = __webpack_require__(7322);
// EXTERNAL MODULE: ./build/src/backend/aws/stack-status.js
var stack_status = __webpack_require__(871);
// EXTERNAL MODULE: ./build/src/backend/aws/target.js
var target = __webpack_require__(399);
;// CONCATENATED MODULE: ./build/src/backend/aws/doctor/checks.js



/** Fargate's service code and the quota code of "Fargate On-Demand vCPU resource count". */
const FARGATE_VCPU_QUOTA = { serviceCode: 'fargate', quotaCode: 'L-3032A538' };
/** Share of the vCPU quota above which a run leaves little room for anything else. */
const QUOTA_HEADROOM = 0.8;
/** The outputs a run reads from the stack (the others are for people). */
const REQUIRED_OUTPUTS = [
    target/* STACK_OUTPUTS */.Wv.stateMachineArn,
    target/* STACK_OUTPUTS */.Wv.bucket,
    target/* STACK_OUTPUTS */.Wv.cluster,
    target/* STACK_OUTPUTS */.Wv.taskDefinition,
    target/* STACK_OUTPUTS */.Wv.subnets,
    target/* STACK_OUTPUTS */.Wv.securityGroups
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
        ...addressFindings(facts),
        ...securityGroupFindings(facts),
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
    const usability = (0,stack_status/* stackUsability */.V)(stack.value.status);
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
    const executionRole = taskDefinition?.ok ? taskDefinition.value.executionRoleArn : undefined;
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
                    ? `Make sure it exists and that the stack's task execution role may pull it: a repository of account ${ecr.account}${ownAccount && ecr.account !== ownAccount ? ` (not ${ownAccount})` : ''} needs a repository policy that allows ecr:BatchGetImage and ecr:GetDownloadUrlForLayer to ${executionRole ?? 'that role (stack output TaskExecutionRoleArn)'}.`
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
            return [imageArchitectureFinding(reference, image.value.architectures, taskDefinition)];
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
/** The image's architectures in Docker's names, by the task definition's CpuArchitecture. */
const DOCKER_ARCHITECTURE = { X86_64: 'amd64', ARM64: 'arm64' };
function imageArchitectureFinding(reference, architectures, taskDefinition) {
    const cpuArchitecture = taskDefinition?.ok ? taskDefinition.value.cpuArchitecture : undefined;
    const needed = cpuArchitecture ? DOCKER_ARCHITECTURE[cpuArchitecture] : undefined;
    if (!architectures || !needed) {
        return { check: 'image', level: 'ok', message: `The image ${reference} is in ECR.` };
    }
    if (architectures.includes(needed)) {
        return {
            check: 'image',
            level: 'ok',
            message: `The image ${reference} is in ECR, built for linux/${needed} as the task definition's ${cpuArchitecture} needs.`
        };
    }
    return {
        check: 'image',
        level: 'error',
        message: `The image ${reference} is built for ${architectures.map((arch) => `linux/${arch}`).join(', ') || 'no Linux platform'}, but the task definition runs on ${cpuArchitecture}: every task would stop with "exec format error".`,
        fix: `Build and push it for linux/${needed} (docker build --platform linux/${needed}), or deploy the stack with CpuArchitecture=${cpuArchitecture === 'ARM64' ? 'X86_64' : 'ARM64'}.`
    };
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
/** Each task takes a private address in one of the subnets: master and workers need workers + 1. */
function addressFindings({ network, request }) {
    if (!network?.ok)
        return [];
    const counted = network.value.subnets.filter((subnet) => subnet.availableIps !== undefined);
    if (counted.length === 0)
        return [];
    const needed = request.workers + 1;
    const free = counted.reduce((sum, subnet) => sum + subnet.availableIps, 0);
    const each = counted.map((subnet) => `${subnet.id} ${subnet.availableIps}`).join(', ');
    const check = 'free IP addresses';
    if (free < needed) {
        return [
            {
                check,
                level: 'error',
                message: `The run needs ${needed} private IP addresses (one per task); the subnets have ${free} free (${each}).`,
                fix: 'Add subnets with free addresses to the stack parameter Subnets (or --subnet), or run fewer workers.'
            }
        ];
    }
    const short = counted.filter((subnet) => subnet.availableIps < needed);
    if (short.length > 0) {
        return [
            {
                check,
                level: 'warning',
                message: `Subnet(s) ${short.map((subnet) => subnet.id).join(', ')} have fewer free IP addresses than the run's ${needed} tasks (${each}); ECS spreads tasks over the subnets, so tasks placed there may not start.`,
                fix: 'Use subnets with at least workers + 1 free addresses each, or run fewer workers.'
            }
        ];
    }
    return [
        {
            check,
            level: 'ok',
            message: `Every subnet has at least the ${needed} free IP addresses the run's tasks need (${each}).`
        }
    ];
}
function securityGroupFindings({ securityGroup }) {
    if (!securityGroup)
        return [];
    const check = 'security group';
    if (!securityGroup.ok) {
        return [
            {
                check,
                level: 'warning',
                message: `Could not read the tasks' security group: ${securityGroup.error}`,
                fix: 'Allow ec2:DescribeSecurityGroups to the caller, or check by hand that the group lets its members reach each other on TCP 5557.'
            }
        ];
    }
    const { id, allowsLocustBetweenTasks } = securityGroup.value;
    if (allowsLocustBetweenTasks) {
        return [
            { check, level: 'ok', message: `${id} lets the workers reach their master on TCP 5557.` }
        ];
    }
    return [
        {
            check,
            level: 'error',
            message: `${id} has no inbound rule for TCP 5557 from itself: the workers could not reach their master, and the master would exit 3 once ExpectWorkersTimeoutSeconds is over.`,
            fix: `Add an inbound rule to ${id}: TCP 5557 from ${id} (the stack's TaskSecurityGroupLocustIngress), or update the stack.`
        }
    ];
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
    const problem = (0,aws_credentials/* credentialsLifetimeProblem */.t)(credentials, now, request.timeoutMinutes);
    // The run would outlive them: it could not be followed, stopped or collected.
    if (problem)
        return { check, level: 'error', ...problem };
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
            message: `${principal} may not: ${denied.map(describeDecision).join('; ')}.`,
            fix: subject === 'caller'
                ? "Assume the stack's GitHub role (output GitHubRoleArn), or grant these actions as its policy in cloudformation/template.yaml does."
                : 'Update the stack with cloudformation/template.yaml of this version; the role may have been changed by hand.'
        };
    });
}
function describeDecision({ action, resource, prefix }) {
    return `${action} on ${resource}${prefix ? ` (prefix ${prefix})` : ''}`;
}
function capitalise(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var dist_cjs = __webpack_require__(5193);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecr/dist-cjs/index.js
var client_ecr_dist_cjs = __webpack_require__(8249);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-iam/dist-cjs/index.js
var client_iam_dist_cjs = __webpack_require__(6764);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-service-quotas/dist-cjs/index.js
var client_service_quotas_dist_cjs = __webpack_require__(2924);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var client_sts_dist_cjs = __webpack_require__(1695);
// EXTERNAL MODULE: ./build/src/backend/aws/clients.js
var clients = __webpack_require__(5044);
;// CONCATENATED MODULE: ./build/src/backend/aws/doctor/clients.js






/** Clients for one region, configured like the run's (src/backend/aws/clients.ts). */
function createDoctorClients(region) {
    const common = (0,clients/* awsClientConfig */.r)(region);
    return {
        ...(0,clients/* createAwsClients */.G)(region),
        ecr: new client_ecr_dist_cjs/* ECRClient */.S70(common),
        serviceQuotas: new client_service_quotas_dist_cjs/* ServiceQuotasClient */.iVb(common),
        ec2: new dist_cjs/* EC2Client */.gu5(common),
        iam: new client_iam_dist_cjs/* IAMClient */.h8v(common),
        sts: new client_sts_dist_cjs/* STSClient */.iM(common)
    };
}
/** Closes every client's sockets, so the command exits at once. */
function destroyDoctorClients(clients) {
    for (const client of Object.values(clients))
        client.destroy();
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudformation/dist-cjs/index.js
var client_cloudformation_dist_cjs = __webpack_require__(3805);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var client_ecs_dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./build/src/backend/aws/stage.js
var stage = __webpack_require__(7814);
;// CONCATENATED MODULE: ./build/src/backend/aws/doctor/run-calls.js
/**
 * Every AWS call a run makes from the action or the CLI, with the resource IAM judges it on:
 * what the caller's credentials must allow (cloudformation/template.yaml's GitHub role grants
 * exactly these). Grouped by resource, as IAM's simulator pairs every action with every resource.
 */

/** The run id the simulated calls name: any run's keys are judged alike. */
const DOCTOR_RUN = 'doctor';
const DOCTOR_RESULTS = (0,stage/* resultsPrefix */.RG)(DOCTOR_RUN);
const DOCTOR_BASELINES = 'baselines/doctor/doctor/main/';
function runCallGroups(resources) {
    const { partition, region, account } = resources;
    const stateMachineName = resources.stateMachineArn.split(':').at(-1) ?? '';
    const groups = [
        { resource: resources.stateMachineArn, actions: ['states:StartExecution'] },
        {
            resource: `arn:${partition}:states:${region}:${account}:execution:${stateMachineName}:doctor`,
            actions: ['states:DescribeExecution', 'states:StopExecution', 'states:GetExecutionHistory']
        },
        // The cost counts the transitions of the run watch's child executions (transitions.ts).
        {
            resource: `arn:${partition}:states:${region}:${account}:mapRun:${stateMachineName}/WatchMaster:doctor`,
            actions: ['states:ListExecutions']
        },
        {
            resource: `arn:${partition}:states:${region}:${account}:execution:${stateMachineName}/WatchMaster:doctor`,
            actions: ['states:GetExecutionHistory']
        },
        {
            resource: `arn:${partition}:s3:::${resources.bucket}/${DOCTOR_RESULTS}result.json`,
            actions: ['s3:PutObject', 's3:GetObject']
        },
        // A host URL with credentials is staged in the bundle and deleted once the run is over.
        {
            resource: `arn:${partition}:s3:::${resources.bucket}/${(0,stage/* bundlePrefix */.HN)(DOCTOR_RUN)}${stage/* HOST_FILE_KEY */.MO}`,
            actions: ['s3:DeleteObject']
        },
        {
            resource: `arn:${partition}:s3:::${resources.bucket}`,
            actions: ['s3:ListBucket'],
            context: { 's3:prefix': DOCTOR_RESULTS }
        },
        // baseline: auto reads, writes and trims each branch's baseline history (docs/aws-contract.md).
        {
            resource: `arn:${partition}:s3:::${resources.bucket}/${DOCTOR_BASELINES}history/doctor.json`,
            actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject']
        },
        {
            resource: `arn:${partition}:s3:::${resources.bucket}`,
            actions: ['s3:ListBucket'],
            context: { 's3:prefix': DOCTOR_BASELINES }
        }
    ];
    if (resources.stackId) {
        groups.unshift({ resource: resources.stackId, actions: ['cloudformation:DescribeStacks'] });
    }
    if (resources.clusterName) {
        const clusterArn = `arn:${partition}:ecs:${region}:${account}:cluster/${resources.clusterName}`;
        groups.push({
            resource: `arn:${partition}:ecs:${region}:${account}:task/${resources.clusterName}/0123456789abcdef0123456789abcdef`,
            actions: ['ecs:DescribeTasks', 'ecs:StopTask'],
            context: { 'ecs:cluster': clusterArn }
        }, { resource: '*', actions: ['ecs:ListTasks'], context: { 'ecs:cluster': clusterArn } });
    }
    return groups;
}

;// CONCATENATED MODULE: ./build/src/backend/aws/doctor/gather.js
/**
 * Asks AWS what the doctor judges: one thin call (or a few) per fact, each failure kept as the
 * fact's error so that one missing permission does not hide the other checks.
 */











/** The stack output naming the role GitHub workflows assume (when the stack made one). */
const GITHUB_ROLE_OUTPUT = 'GitHubRoleArn';
async function gatherFacts(settings, request, clients, env, now) {
    const caller = await gathered(async () => {
        const identity = await clients.sts.send(new client_sts_dist_cjs/* GetCallerIdentityCommand */.zI({}));
        return { arn: identity.Arn ?? '', account: identity.Account ?? '' };
    });
    const stack = await gathered(() => describeStack(clients, request.stackName));
    const outputs = stack.ok ? stack.value.outputs : {};
    const list = (text) => (text ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
    const taskDefinitionId = settings.taskDefinition ?? outputs[target/* STACK_OUTPUTS */.Wv.taskDefinition];
    const subnets = settings.subnets.length > 0 ? settings.subnets : list(outputs[target/* STACK_OUTPUTS */.Wv.subnets]);
    const taskDefinition = taskDefinitionId
        ? await gathered(() => describeTaskDefinition(clients, taskDefinitionId))
        : undefined;
    const image = await lookUpImage(clients, taskDefinition, caller, request.region);
    const network = subnets.length > 0 ? await gathered(() => describeNetwork(clients, subnets)) : undefined;
    const securityGroupId = settings.securityGroups[0] ?? outputs[target/* STACK_OUTPUTS */.Wv.securityGroups];
    const securityGroup = securityGroupId
        ? await gathered(() => describeSecurityGroup(clients, securityGroupId))
        : undefined;
    const vcpuQuota = await gathered(() => fargateVcpuQuota(clients));
    const credentials = await (0,aws_credentials/* credentialsLifetime */._)(env, clients.sts.config.credentials);
    const stateMachineArn = settings.stateMachineArn ?? outputs[target/* STACK_OUTPUTS */.Wv.stateMachineArn];
    const bucket = settings.bucket ?? outputs[target/* STACK_OUTPUTS */.Wv.bucket];
    const run = {
        partition: (caller.ok ? caller.value.arn : '').split(':')[1] || 'aws',
        region: request.region,
        account: caller.ok ? caller.value.account : '',
        stackId: stack.ok ? stack.value.id : undefined,
        stateMachineArn: stateMachineArn ?? '',
        bucket: bucket ?? '',
        clusterName: settings.cluster ?? outputs[target/* STACK_OUTPUTS */.Wv.cluster]
    };
    const principals = [];
    if (caller.ok) {
        principals.push({
            subject: 'caller',
            principal: await callerPrincipal(clients, caller.value.arn)
        });
    }
    const githubRole = outputs[GITHUB_ROLE_OUTPUT];
    if (githubRole && !principals.some(({ principal }) => principal === githubRole)) {
        principals.push({ subject: 'GitHub role', principal: githubRole });
    }
    const permissions = stateMachineArn && bucket
        ? await Promise.all(principals.map(async ({ subject, principal }) => ({
            subject,
            principal,
            decisions: await gathered(() => simulateRunCalls(clients, principal, run))
        })))
        : [];
    return {
        request,
        now,
        caller,
        stack,
        taskDefinition,
        image,
        network,
        securityGroup,
        vcpuQuota,
        credentials,
        permissions
    };
}
/** A fact from a call: its result, or its error's message. */
async function gathered(call) {
    try {
        return { ok: true, value: await call() };
    }
    catch (error) {
        const { name, message } = error;
        // AWS errors carry their code in the name (AccessDeniedException); plain errors are "Error".
        const named = name && name !== 'Error' && !message.startsWith(name);
        return { ok: false, error: named ? `${name}: ${message}` : message };
    }
}
async function describeStack(clients, stackName) {
    const stack = (await clients.cloudFormation.send(new client_cloudformation_dist_cjs/* DescribeStacksCommand */.Y47({ StackName: stackName }))).Stacks?.[0];
    if (!stack)
        throw new Error(`Stack ${stackName} does not exist`);
    return {
        id: stack.StackId,
        status: stack.StackStatus ?? 'UNKNOWN',
        outputs: Object.fromEntries((stack.Outputs ?? []).flatMap((output) => output.OutputKey && output.OutputValue !== undefined
            ? [[output.OutputKey, output.OutputValue]]
            : []))
    };
}
async function describeTaskDefinition(clients, taskDefinition) {
    const described = (await clients.ecs.send(new client_ecs_dist_cjs/* DescribeTaskDefinitionCommand */.Zy$({ taskDefinition })))
        .taskDefinition;
    const containers = described?.containerDefinitions ?? [];
    const locust = containers.find((container) => container.name === 'locust') ?? containers[0];
    return {
        arn: described?.taskDefinitionArn ?? taskDefinition,
        cpu: described?.cpu,
        memory: described?.memory,
        image: locust?.image,
        executionRoleArn: described?.executionRoleArn,
        cpuArchitecture: described?.runtimePlatform?.cpuArchitecture ?? 'X86_64'
    };
}
/** Looks the task's image up in ECR when it is in this account's registry of this region. */
async function lookUpImage(clients, taskDefinition, caller, region) {
    const reference = taskDefinition?.ok ? taskDefinition.value.image : undefined;
    const ecr = reference ? parseEcrImage(reference) : undefined;
    if (!ecr || ecr.region !== region || (caller.ok && caller.value.account !== ecr.account)) {
        return undefined;
    }
    const where = { registryId: ecr.account, repositoryName: ecr.repository };
    const imageId = ecr.digest ? { imageDigest: ecr.digest } : { imageTag: ecr.tag };
    try {
        const { imageDetails } = await clients.ecr.send(new client_ecr_dist_cjs/* DescribeImagesCommand */.ji5({ ...where, imageIds: [imageId] }));
        if (!imageDetails?.length)
            return { ok: true, value: { kind: 'missing-image' } };
        const architectures = await imageArchitectures(clients, where, imageId).catch(() => undefined);
        return {
            ok: true,
            value: { kind: 'present', pushedAt: imageDetails[0].imagePushedAt, architectures }
        };
    }
    catch (error) {
        const name = error.name;
        if (name === 'ImageNotFoundException')
            return { ok: true, value: { kind: 'missing-image' } };
        if (name === 'RepositoryNotFoundException') {
            return { ok: true, value: { kind: 'missing-repository' } };
        }
        return gathered(() => Promise.reject(error));
    }
}
const MANIFEST_TYPES = [
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json',
    'application/vnd.oci.image.manifest.v1+json'
];
/** The Linux architectures an ECR image is built for: from its index, or its config blob. */
async function imageArchitectures(clients, where, imageId) {
    const { images } = await clients.ecr.send(new client_ecr_dist_cjs/* BatchGetImageCommand */.P8n({ ...where, imageIds: [imageId], acceptedMediaTypes: MANIFEST_TYPES }));
    const manifest = JSON.parse(images?.[0]?.imageManifest ?? '{}');
    if (manifest.manifests) {
        return manifest.manifests
            .filter((entry) => entry.platform?.os === 'linux')
            .map((entry) => entry.platform?.architecture ?? '');
    }
    const layerDigest = manifest.config?.digest;
    if (!layerDigest)
        return undefined;
    const { downloadUrl } = await clients.ecr.send(new client_ecr_dist_cjs/* GetDownloadUrlForLayerCommand */.pKL({ ...where, layerDigest }));
    const config = (await (await fetch(downloadUrl ?? '')).json());
    return config.architecture ? [config.architecture] : undefined;
}
async function describeNetwork(clients, subnetIds) {
    // A filter, unlike SubnetIds, answers for the subnets that exist instead of failing for all.
    const { Subnets = [] } = await clients.ec2.send(new dist_cjs/* DescribeSubnetsCommand */.jSW({ Filters: [{ Name: 'subnet-id', Values: subnetIds }] }));
    const vpcIds = [...new Set(Subnets.map((subnet) => subnet.VpcId ?? ''))].filter(Boolean);
    const filters = [{ Name: 'vpc-id', Values: vpcIds }];
    const { RouteTables = [] } = vpcIds.length
        ? await clients.ec2.send(new dist_cjs/* DescribeRouteTablesCommand */.VS8({ Filters: filters }))
        : {};
    const { VpcEndpoints = [] } = vpcIds.length
        ? await clients.ec2.send(new dist_cjs/* DescribeVpcEndpointsCommand */.KoP({ Filters: filters }))
        : {};
    const found = Subnets.map((subnet) => {
        const id = subnet.SubnetId ?? '';
        const vpcId = subnet.VpcId ?? '';
        const table = RouteTables.find((candidate) => candidate.Associations?.some((association) => association.SubnetId === id)) ??
            RouteTables.find((candidate) => candidate.VpcId === vpcId &&
                candidate.Associations?.some((association) => association.Main));
        return { id, vpcId, availableIps: subnet.AvailableIpAddressCount, ...defaultRouteOf(table) };
    });
    return {
        subnets: found,
        unknownSubnets: subnetIds.filter((id) => !found.some((subnet) => subnet.id === id)),
        endpointServices: VpcEndpoints.filter((endpoint) => (endpoint.State ?? '').toLowerCase() === 'available').map((endpoint) => endpoint.ServiceName ?? '')
    };
}
/** Whether the group lets its own members reach each other on TCP 5557 (the workers their master). */
async function describeSecurityGroup(clients, groupId) {
    const { SecurityGroups = [] } = await clients.ec2.send(new dist_cjs/* DescribeSecurityGroupsCommand */.jsQ({ GroupIds: [groupId] }));
    const rules = SecurityGroups[0]?.IpPermissions ?? [];
    const allowsLocustBetweenTasks = rules.some((rule) => (rule.IpProtocol === '-1' ||
        (rule.IpProtocol === 'tcp' &&
            (rule.FromPort ?? 0) <= 5557 &&
            (rule.ToPort ?? 0) >= 5557)) &&
        (rule.UserIdGroupPairs ?? []).some((pair) => pair.GroupId === groupId));
    return { id: groupId, allowsLocustBetweenTasks };
}
function defaultRouteOf(table) {
    const route = table?.Routes?.find((candidate) => candidate.DestinationCidrBlock === '0.0.0.0/0' && candidate.State !== 'blackhole');
    if (!route)
        return { defaultRoute: 'none' };
    if (route.GatewayId?.startsWith('igw-'))
        return { defaultRoute: 'internet-gateway', via: route.GatewayId };
    if (route.NatGatewayId)
        return { defaultRoute: 'nat', via: route.NatGatewayId };
    const via = route.TransitGatewayId ??
        route.NetworkInterfaceId ??
        route.VpcPeeringConnectionId ??
        route.GatewayId ??
        route.InstanceId;
    return { defaultRoute: 'other', via };
}
/**
 * The IAM principal behind the caller, as STS names it: the role of an assumed-role session
 * (without the role's path, which STS leaves out), or the user itself.
 */
function principalOf(callerArn) {
    const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(callerArn);
    return session ? `arn:${session[1]}:iam::${session[2]}:role/${session[3]}` : callerArn;
}
/** The caller's principal with its path: IAM knows a role with a path only by its full ARN. */
async function callerPrincipal(clients, callerArn) {
    const principal = principalOf(callerArn);
    if (principal === callerArn)
        return principal;
    try {
        const { Role } = await clients.iam.send(new client_iam_dist_cjs/* GetRoleCommand */.kbp({ RoleName: principal.split('/').at(-1) }));
        return Role?.Arn ?? principal;
    }
    catch {
        // Without iam:GetRole, the path-less ARN serves the roles without a path, the usual case.
        return principal;
    }
}
/**
 * The region's Fargate On-Demand vCPU quota: the applied value, or AWS's default where none was
 * ever applied (Service Quotas then answers NoSuchResourceException).
 */
async function fargateVcpuQuota(clients) {
    const ids = {
        ServiceCode: FARGATE_VCPU_QUOTA.serviceCode,
        QuotaCode: FARGATE_VCPU_QUOTA.quotaCode
    };
    let quota;
    try {
        quota = (await clients.serviceQuotas.send(new client_service_quotas_dist_cjs/* GetServiceQuotaCommand */.HSc(ids))).Quota;
    }
    catch (error) {
        if (error.name !== 'NoSuchResourceException')
            throw error;
        quota = (await clients.serviceQuotas.send(new client_service_quotas_dist_cjs/* GetAWSDefaultServiceQuotaCommand */.Lb5(ids))).Quota;
    }
    if (quota?.Value === undefined)
        throw new Error('Service Quotas gave no value');
    return quota.Value;
}
/** IAM's decision on every call a run makes, for `principal` (a role or user ARN). */
async function simulateRunCalls(clients, principal, run) {
    if (/:root$/.test(principal)) {
        throw new Error('the account root user cannot be simulated; use a role');
    }
    const decisions = [];
    for (const group of runCallGroups(run)) {
        let marker;
        do {
            const page = await clients.iam.send(new client_iam_dist_cjs/* SimulatePrincipalPolicyCommand */.kUw({
                PolicySourceArn: principal,
                ActionNames: group.actions,
                ResourceArns: [group.resource],
                ContextEntries: Object.entries(group.context ?? {}).map(([key, value]) => ({
                    ContextKeyName: key,
                    ContextKeyValues: [value],
                    ContextKeyType: 'string'
                })),
                Marker: marker
            }));
            decisions.push(...(page.EvaluationResults ?? []).map((result) => ({
                action: result.EvalActionName ?? '',
                resource: result.EvalResourceName ?? group.resource,
                prefix: group.context?.['s3:prefix'],
                allowed: result.EvalDecision === 'allowed'
            })));
            marker = page.IsTruncated ? page.Marker : undefined;
        } while (marker);
    }
    return decisions;
}

;// CONCATENATED MODULE: ./build/src/backend/aws/doctor/check.js



const checkStack = async ({ settings, workers, timeoutMinutes }, { env, now, log }) => {
    const stackName = settings.stackName ?? '';
    const region = settings.region ?? '';
    log(`Checking stack ${stackName} in ${region} for ${workers} worker(s) and a ${timeoutMinutes}-minute timeout…`);
    const clients = createDoctorClients(settings.region);
    try {
        const facts = await gatherFacts(settings, { stackName, region, workers, timeoutMinutes, assignPublicIp: settings.assignPublicIp }, clients, env, now);
        return diagnose(facts);
    }
    finally {
        destroyDoctorClients(clients);
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


/***/ }),

/***/ 8559:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ isOutside)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);

/**
 * Whether `path` lies outside `folder`. Only a first segment of exactly `..` leaves it: a file
 * named `..rows.csv` is inside. Input validation and the AWS bundle use this one test, so a path
 * accepted at input time is never refused later.
 */
function isOutside(folder, path) {
    const inside = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.relative)(folder, path);
    return inside === '..' || inside.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_0__.sep}`) || (0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(inside);
}


/***/ })

};
