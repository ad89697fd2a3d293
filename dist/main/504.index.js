export const id = 504;
export const ids = [504];
export const modules = {

/***/ 23504:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DUET_MEET_SECONDS: () => (/* binding */ DUET_MEET_SECONDS),
/* harmony export */   duetExecutions: () => (/* binding */ duetExecutions),
/* harmony export */   duetProgress: () => (/* binding */ duetProgress),
/* harmony export */   runAwsDuet: () => (/* binding */ runAwsDuet)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _run_duet_rounds_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(75059);
/* harmony import */ var _run_rounds_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(94582);
/* harmony import */ var _run_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(90843);
/* harmony import */ var _stage_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(87814);
/**
 * A duet on Fargate (docs/rounds.md): two executions of the stack's state machine at once, one per
 * side, so both sides get the same task definition and task size. Each has half the users, spawn
 * rate and workers and its own run id; their masters meet before every round through S3 (the
 * container's storage.DuetMeeting), so both windows of one index start together. The candidate's
 * results land at the top of the results folder, the baseline's in `baseline/`, every round folder
 * in the top-level `rounds/`, and rounds.json lists both sides. A side that fails stops the other.
 */






/**
 * How long after both masters are ready a round starts: more than a meeting file takes to reach
 * the other master through S3 (the container syncs every 0.25 s; a call takes tens of ms), so
 * both start at the agreed moment. Within the run time's per-round allowance (ROUND_CHANGE_SECONDS).
 */
const DUET_MEET_SECONDS = 2;
/** Both executions ended well, yet no master ran a round: they waited for each other in vain. */
const NEVER_MET = "The duet's two masters never met before round 1 (each master.log says so): each reads the other's meeting files in S3 (runs/<run id>/results/meeting/), which a stack deployed before duets were supported does not allow its tasks. Update the stack with this version's cloudformation/template.yaml (distributed-locust deploy).";
/** The two executions of a duet: the candidate's under `runId`, the baseline's under `baselineRunId`. */
function duetExecutions(config, runId, baselineRunId) {
    const { minWorkers } = config.backend;
    const half = {
        ...(0,_run_rounds_js__WEBPACK_IMPORTED_MODULE_5__/* .duetHalf */ .aJ)(config),
        backend: {
            ...config.backend,
            ...(minWorkers === undefined ? {} : { minWorkers: Math.ceil(minWorkers / 2) })
        }
    };
    return [
        { side: 'candidate', runId, config: half },
        {
            side: 'baseline',
            runId: baselineRunId,
            config: {
                ...half,
                host: config.rounds?.baselineHost,
                resultsDir: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(config.resultsDir, 'baseline')
            }
        }
    ];
}
/** Runs both executions, each side's log lines marked with its side, and reports the duet. */
async function runAwsDuet(prepared, hooks) {
    const { config, runId, baselineRunId } = prepared;
    const plan = config.rounds;
    if (plan === undefined || baselineRunId === undefined) {
        throw new Error('runAwsDuet needs a prepared duet (rounds and a baseline run id)');
    }
    const sides = duetExecutions(config, runId, baselineRunId);
    const stopBoth = new AbortController();
    const cancel = () => stopBoth.abort();
    if (hooks.signal?.aborted)
        cancel();
    hooks.signal?.addEventListener('abort', cancel, { once: true });
    let failedSide;
    const progress = duetProgress(hooks.onProgress);
    const results = await Promise.all(sides.map(({ side, config: sideConfig, runId: sideRunId }, at) => {
        const other = sides[1 - at];
        const mark = (report) => report && ((line) => report(`[${side}] ${line}`));
        const sideHooks = { ...hooks, log: mark(hooks.log), warn: mark(hooks.warn ?? hooks.log) };
        return (0,_run_js__WEBPACK_IMPORTED_MODULE_3__.runExecution)(prepared, sideHooks, {
            config: sideConfig,
            runId: sideRunId,
            rounds: (0,_run_rounds_js__WEBPACK_IMPORTED_MODULE_5__/* .masterRoundsSettings */ .Nx)(plan, sideConfig, 0, {
                side,
                partnerResults: (0,_stage_js__WEBPACK_IMPORTED_MODULE_4__/* .resultsPrefix */ .RG)(other.runId),
                meetSeconds: DUET_MEET_SECONDS
            }),
            // Abort rules judge the candidate, and stop both sides.
            live: (0,_run_js__WEBPACK_IMPORTED_MODULE_3__.liveFollower)(prepared, sideHooks, {
                runId: sideRunId,
                thresholds: side === 'candidate' ? config.thresholds : [],
                abortAlso: side === 'candidate' ? [other.runId] : [],
                onProgress: progress(side)
            }),
            signal: stopBoth.signal,
            stoppedBecause: () => failedSide === other.side
                ? `Stopped because the ${other.side} side failed; every task of this side was stopped too.`
                : undefined,
            onEnded: (failed) => {
                if (!failed || stopBoth.signal.aborted)
                    return;
                failedSide = side;
                sideHooks.log?.('This side failed: stopping the other side.');
                stopBoth.abort();
            }
        });
    }));
    hooks.signal?.removeEventListener('abort', cancel);
    const outcome = duetOutcome(results, sides[0].config);
    try {
        await gatherRoundFolders(config.resultsDir, sides[1].config.resultsDir);
        const rounds = await (0,_run_duet_rounds_js__WEBPACK_IMPORTED_MODULE_2__/* .mergeDuetRounds */ .y)(config.resultsDir, sides[1].config.resultsDir);
        if (rounds > 0 || outcome.error !== undefined || outcome.facts.aborted)
            return outcome;
        return { ...outcome, partial: true, error: NEVER_MET };
    }
    catch (error) {
        const message = `Could not put the two sides' rounds together in ${config.resultsDir}: ${error.message}`;
        return {
            ...outcome,
            partial: true,
            error: outcome.error === undefined ? message : `${outcome.error}\n${message}`
        };
    }
}
/** The candidate's outcome, with the baseline side's failure, links and cost added to it. */
function duetOutcome([candidate, baseline], half) {
    const errors = [
        ['candidate', candidate.outcome.error],
        ['baseline', baseline.outcome.error]
    ]
        .filter(([, error]) => error !== undefined)
        .map(([side, error]) => `The ${side} side: ${error}`);
    const baselineLinks = (baseline.outcome.facts.links ?? []).map((link) => ({
        ...link,
        label: `Baseline side: ${link.label}`
    }));
    const facts = {
        ...candidate.outcome.facts,
        // The candidate's figures come from its own half of the load.
        users: half.users,
        spawnRate: half.spawnRate,
        workers: half.workers,
        links: [...(candidate.outcome.facts.links ?? []), ...baselineLinks]
    };
    const usages = [candidate.usage, baseline.usage];
    return (0,_run_js__WEBPACK_IMPORTED_MODULE_3__.withCost)({
        ...candidate.outcome,
        facts,
        partial: candidate.outcome.partial || baseline.outcome.partial,
        ...(errors.length === 0 ? {} : { error: errors.join('\n') })
    }, usages.every((usage) => usage !== undefined) ? usages : undefined);
}
/** Moves the baseline master's round folders (baseline/rounds/) beside the candidate's (rounds/). */
async function gatherRoundFolders(resultsDir, baselineDir) {
    const from = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(baselineDir, 'rounds');
    const folders = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(from).catch(() => []);
    if (folders.length === 0)
        return;
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(resultsDir, 'rounds'), { recursive: true });
    for (const folder of folders) {
        const to = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(resultsDir, 'rounds', folder);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(to, { recursive: true, force: true });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(from, folder), to);
    }
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(from, { recursive: true, force: true });
}
/**
 * One progress line for both sides, at the candidate's pace: the load on both (users, workers,
 * requests per second added up), the candidate's response times and failures, and the baseline's
 * beside them.
 */
function duetProgress(report) {
    let baseline;
    const add = (a, b) => (a === undefined || b === undefined ? a : a + b);
    return (side) => (progress) => {
        if (side === 'baseline') {
            baseline = progress;
            return;
        }
        if (baseline === undefined)
            return report?.(progress);
        const figures = [
            baseline.p95Ms === undefined ? undefined : `p95 ${baseline.p95Ms} ms`,
            baseline.failRatio === undefined
                ? undefined
                : `${(baseline.failRatio * 100).toFixed(1)}% failed`
        ].filter((figure) => figure !== undefined);
        report?.({
            ...progress,
            users: add(progress.users, baseline.users),
            workers: add(progress.workers, baseline.workers),
            rps: add(progress.rps, baseline.rps),
            ...(figures.length === 0 ? {} : { message: `baseline ${figures.join(', ')}` })
        });
    };
}


/***/ })

};
