export const id = 172;
export const ids = [172];
export const modules = {

/***/ 172:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  gatherFacts: () => (/* binding */ gatherFacts),
  principalOf: () => (/* binding */ principalOf)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudformation/dist-cjs/index.js
var dist_cjs = __webpack_require__(3805);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var client_ec2_dist_cjs = __webpack_require__(5193);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecr/dist-cjs/index.js
var client_ecr_dist_cjs = __webpack_require__(8249);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var client_ecs_dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-iam/dist-cjs/index.js
var client_iam_dist_cjs = __webpack_require__(6764);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-service-quotas/dist-cjs/index.js
var client_service_quotas_dist_cjs = __webpack_require__(2924);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var client_sts_dist_cjs = __webpack_require__(1695);
// EXTERNAL MODULE: ./build/src/backend/aws/credentials.js
var aws_credentials = __webpack_require__(7322);
// EXTERNAL MODULE: ./build/src/backend/aws/target.js
var target = __webpack_require__(399);
// EXTERNAL MODULE: ./build/src/backend/aws/doctor/checks.js
var checks = __webpack_require__(7353);
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
function runCallGroups(resources) {
    const { partition, region, account } = resources;
    const stateMachineName = resources.stateMachineArn.split(':').at(-1) ?? '';
    const groups = [
        { resource: resources.stateMachineArn, actions: ['states:StartExecution'] },
        {
            resource: `arn:${partition}:states:${region}:${account}:execution:${stateMachineName}:doctor`,
            actions: ['states:DescribeExecution', 'states:StopExecution', 'states:GetExecutionHistory']
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
    const stack = (await clients.cloudFormation.send(new dist_cjs/* DescribeStacksCommand */.Y47({ StackName: stackName }))).Stacks?.[0];
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
        image: locust?.image
    };
}
/** Looks the task's image up in ECR when it is in this account's registry of this region. */
async function lookUpImage(clients, taskDefinition, caller, region) {
    const reference = taskDefinition?.ok ? taskDefinition.value.image : undefined;
    const ecr = reference ? (0,checks.parseEcrImage)(reference) : undefined;
    if (!ecr || ecr.region !== region || (caller.ok && caller.value.account !== ecr.account)) {
        return undefined;
    }
    try {
        const { imageDetails } = await clients.ecr.send(new client_ecr_dist_cjs/* DescribeImagesCommand */.ji5({
            registryId: ecr.account,
            repositoryName: ecr.repository,
            imageIds: [ecr.digest ? { imageDigest: ecr.digest } : { imageTag: ecr.tag }]
        }));
        if (!imageDetails?.length)
            return { ok: true, value: { kind: 'missing-image' } };
        return { ok: true, value: { kind: 'present', pushedAt: imageDetails[0].imagePushedAt } };
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
async function describeNetwork(clients, subnetIds) {
    // A filter, unlike SubnetIds, answers for the subnets that exist instead of failing for all.
    const { Subnets = [] } = await clients.ec2.send(new client_ec2_dist_cjs/* DescribeSubnetsCommand */.jSW({ Filters: [{ Name: 'subnet-id', Values: subnetIds }] }));
    const vpcIds = [...new Set(Subnets.map((subnet) => subnet.VpcId ?? ''))].filter(Boolean);
    const filters = [{ Name: 'vpc-id', Values: vpcIds }];
    const { RouteTables = [] } = vpcIds.length
        ? await clients.ec2.send(new client_ec2_dist_cjs/* DescribeRouteTablesCommand */.VS8({ Filters: filters }))
        : {};
    const { VpcEndpoints = [] } = vpcIds.length
        ? await clients.ec2.send(new client_ec2_dist_cjs/* DescribeVpcEndpointsCommand */.KoP({ Filters: filters }))
        : {};
    const found = Subnets.map((subnet) => {
        const id = subnet.SubnetId ?? '';
        const vpcId = subnet.VpcId ?? '';
        const table = RouteTables.find((candidate) => candidate.Associations?.some((association) => association.SubnetId === id)) ??
            RouteTables.find((candidate) => candidate.VpcId === vpcId &&
                candidate.Associations?.some((association) => association.Main));
        return { id, vpcId, ...defaultRouteOf(table) };
    });
    return {
        subnets: found,
        unknownSubnets: subnetIds.filter((id) => !found.some((subnet) => subnet.id === id)),
        endpointServices: VpcEndpoints.filter((endpoint) => (endpoint.State ?? '').toLowerCase() === 'available').map((endpoint) => endpoint.ServiceName ?? '')
    };
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
        ServiceCode: checks.FARGATE_VCPU_QUOTA.serviceCode,
        QuotaCode: checks.FARGATE_VCPU_QUOTA.quotaCode
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
                allowed: result.EvalDecision === 'allowed'
            })));
            marker = page.IsTruncated ? page.Marker : undefined;
        } while (marker);
    }
    return decisions;
}


/***/ }),

/***/ 7814:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HN: () => (/* binding */ bundlePrefix),
/* harmony export */   MO: () => (/* binding */ HOST_FILE_KEY),
/* harmony export */   RG: () => (/* binding */ resultsPrefix),
/* harmony export */   Uu: () => (/* binding */ deleteStagedHost),
/* harmony export */   cK: () => (/* binding */ runPrefix),
/* harmony export */   oc: () => (/* binding */ uploadHost),
/* harmony export */   sd: () => (/* binding */ uploadBundle),
/* harmony export */   tK: () => (/* binding */ listBundle)
/* harmony export */ });
/* unused harmony export BundleError */
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


/***/ })

};
