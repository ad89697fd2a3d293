export const id = 945;
export const ids = [945];
export const modules = {

/***/ 39945:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   baselineKey: () => (/* binding */ baselineKey),
/* harmony export */   fetchBaseline: () => (/* binding */ fetchBaseline),
/* harmony export */   storeBaseline: () => (/* binding */ storeBaseline)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(53711);
/**
 * The AWS baseline store: the results.json of the last passing run of each branch, kept in the
 * stack's bucket under baselines/<owner>/<repo>/<branch>/results.json. Outside runs/, so the
 * bucket's lifecycle rule never expires it; each passing push replaces it.
 */

const BASELINES_PREFIX = 'baselines/';
/** The key of a branch's baseline; the branch is URI-encoded, so "feature/x" stays one level. */
function baselineKey(repository, branch) {
    return `${BASELINES_PREFIX}${repository}/${encodeURIComponent(branch)}/results.json`;
}
async function storeBaseline(s3, bucket, key, resultsJson) {
    await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_0__/* .PutObjectCommand */ .wKZ({
        Bucket: bucket,
        Key: key,
        Body: resultsJson,
        ContentType: 'application/json'
    }));
}
/** The stored results.json text, or undefined when the branch has none yet. */
async function fetchBaseline(s3, bucket, key) {
    try {
        const { Body } = await s3.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_0__/* .GetObjectCommand */ .jLs({ Bucket: bucket, Key: key }));
        return await Body?.transformToString('utf8');
    }
    catch (error) {
        if (error instanceof _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_0__/* .NoSuchKey */ ._kG || error.name === 'NoSuchKey') {
            return undefined;
        }
        throw error;
    }
}


/***/ })

};
