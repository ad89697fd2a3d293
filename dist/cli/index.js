#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 1916:
/***/ ((__unused_webpack_module, exports) => {

var __webpack_unused_export__;

__webpack_unused_export__ = true;
exports.Io = exports.kp = void 0;
var peq = new Uint32Array(0x10000);
var myers_32 = function (a, b) {
    var n = a.length;
    var m = b.length;
    var lst = 1 << (n - 1);
    var pv = -1;
    var mv = 0;
    var sc = n;
    var i = n;
    while (i--) {
        peq[a.charCodeAt(i)] |= 1 << i;
    }
    for (i = 0; i < m; i++) {
        var eq = peq[b.charCodeAt(i)];
        var xv = eq | mv;
        eq |= ((eq & pv) + pv) ^ pv;
        mv |= ~(eq | pv);
        pv &= eq;
        if (mv & lst) {
            sc++;
        }
        if (pv & lst) {
            sc--;
        }
        mv = (mv << 1) | 1;
        pv = (pv << 1) | ~(xv | mv);
        mv &= xv;
    }
    i = n;
    while (i--) {
        peq[a.charCodeAt(i)] = 0;
    }
    return sc;
};
var myers_x = function (b, a) {
    var n = a.length;
    var m = b.length;
    var mhc = [];
    var phc = [];
    var hsize = Math.ceil(n / 32);
    var vsize = Math.ceil(m / 32);
    for (var i = 0; i < hsize; i++) {
        phc[i] = -1;
        mhc[i] = 0;
    }
    var j = 0;
    for (; j < vsize - 1; j++) {
        var mv_1 = 0;
        var pv_1 = -1;
        var start_1 = j * 32;
        var vlen_1 = Math.min(32, m) + start_1;
        for (var k = start_1; k < vlen_1; k++) {
            peq[b.charCodeAt(k)] |= 1 << k;
        }
        for (var i = 0; i < n; i++) {
            var eq = peq[a.charCodeAt(i)];
            var pb = (phc[(i / 32) | 0] >>> i) & 1;
            var mb = (mhc[(i / 32) | 0] >>> i) & 1;
            var xv = eq | mv_1;
            var xh = ((((eq | mb) & pv_1) + pv_1) ^ pv_1) | eq | mb;
            var ph = mv_1 | ~(xh | pv_1);
            var mh = pv_1 & xh;
            if ((ph >>> 31) ^ pb) {
                phc[(i / 32) | 0] ^= 1 << i;
            }
            if ((mh >>> 31) ^ mb) {
                mhc[(i / 32) | 0] ^= 1 << i;
            }
            ph = (ph << 1) | pb;
            mh = (mh << 1) | mb;
            pv_1 = mh | ~(xv | ph);
            mv_1 = ph & xv;
        }
        for (var k = start_1; k < vlen_1; k++) {
            peq[b.charCodeAt(k)] = 0;
        }
    }
    var mv = 0;
    var pv = -1;
    var start = j * 32;
    var vlen = Math.min(32, m - start) + start;
    for (var k = start; k < vlen; k++) {
        peq[b.charCodeAt(k)] |= 1 << k;
    }
    var score = m;
    for (var i = 0; i < n; i++) {
        var eq = peq[a.charCodeAt(i)];
        var pb = (phc[(i / 32) | 0] >>> i) & 1;
        var mb = (mhc[(i / 32) | 0] >>> i) & 1;
        var xv = eq | mv;
        var xh = ((((eq | mb) & pv) + pv) ^ pv) | eq | mb;
        var ph = mv | ~(xh | pv);
        var mh = pv & xh;
        score += (ph >>> (m - 1)) & 1;
        score -= (mh >>> (m - 1)) & 1;
        if ((ph >>> 31) ^ pb) {
            phc[(i / 32) | 0] ^= 1 << i;
        }
        if ((mh >>> 31) ^ mb) {
            mhc[(i / 32) | 0] ^= 1 << i;
        }
        ph = (ph << 1) | pb;
        mh = (mh << 1) | mb;
        pv = mh | ~(xv | ph);
        mv = ph & xv;
    }
    for (var k = start; k < vlen; k++) {
        peq[b.charCodeAt(k)] = 0;
    }
    return score;
};
var distance = function (a, b) {
    if (a.length < b.length) {
        var tmp = b;
        b = a;
        a = tmp;
    }
    if (b.length === 0) {
        return a.length;
    }
    if (a.length <= 32) {
        return myers_32(a, b);
    }
    return myers_x(a, b);
};
exports.Io = distance;
var closest = function (str, arr) {
    var min_distance = Infinity;
    var min_index = 0;
    for (var i = 0; i < arr.length; i++) {
        var dist = distance(str, arr[i]);
        if (dist < min_distance) {
            min_distance = dist;
            min_index = i;
        }
    }
    return arr[min_index];
};
exports.kp = closest;


/***/ }),

/***/ 6591:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



/* unused reexport */ __nccwpck_require__(5335);
exports.parse = __nccwpck_require__(2696);


/***/ }),

/***/ 2696:
/***/ ((module) => {



/**
 * @import {
 * 	ControlOperator,
 * 	Env,
 * 	GlobPattern,
 * 	ParseEntry,
 * } from './parse' */

// '<(' and '>(' are process substitution operators and
// can be parsed the same as control operator
var CONTROL = /** @type {const} */ ('(?:') + /** @type {const} */ ([
	'\\|\\|',
	'\\&(?:\\&|>>?)', // `&&`, `&>`, and `&>>`
	';;\\&?', // `;;` and `;;&`
	'[;|]\\&', // `;&` and `|&`
	'\\<\\(',
	'\\<\\<\\<',
	'\\<\\<-',
	'\\<\\<(?!\\()', // `<<(` stays `<` and `<(`, as zsh reads it; other shells reject it
	'>>',
	'>[&|(]', // `>&`, `>|`, and `>(`
	'<[&>]', // `<&` and `<>`
	'[&;()|<>]'
]).join(/** @type {const} */ ('|')) + /** @type {const} */ (')');
var controlRE = new RegExp('^' + CONTROL + '$');
var META = /** @type {const} */ ('|&;()<> \\t');
var SINGLE_QUOTE = /** @type {const} */ ('\'([^\']*?)\'');
// bash ANSI-C quoting, `$'...'`: a backslash escapes the next character, including `'`
var ANSI_C_BODY = '(?:\\\\[\\s\\S]|[^\\\\\'])*?';
var ANSI_C_QUOTE = '\\$\'' + ANSI_C_BODY + '\'';
var ansiCAt = new RegExp('\\$\'' + ANSI_C_BODY + '(?:(\')|\\\\?$)', 'g');
var ANSI_C_LETTERS = 'abeEfnrtv';
var ANSI_C_CHARS = '\x07\b\x1B\x1B\f\n\r\t\v';
var hash = /^#$/;

var SQ = /** @type {const} */ ("'");
var DQ = /** @type {const} */ ('"');
var DS = /** @type {const} */ ('$');

var TOKEN = '';
var mult = /** @type {const} */ (0x100000000); // Math.pow(16, 8);
for (var i = 0; i < 4; i++) {
	TOKEN += (mult * Math.random()).toString(16);
}
var startsWithToken = new RegExp('^' + TOKEN);

/**
 * @param {string} s
 * @param {RegExp} r
 */
function matchAll(s, r) {
	var origIndex = r.lastIndex;

	var matches = [];
	var matchObj;

	while ((matchObj = r.exec(s))) {
		matches[matches.length] = matchObj;
		if (r.lastIndex === matchObj.index) {
			r.lastIndex += 1;
		}
	}

	r.lastIndex = origIndex;

	return matches;
}

/**
 * @param {Env} env
 * @param {string} pre
 * @param {string} key
 */
function getVar(env, pre, key) {
	var r = typeof env === 'function' ? env(key) : env[key];
	if (typeof r === 'undefined' && key != '') {
		r = '';
	} else if (typeof r === 'undefined') {
		r = '$';
	}

	if (typeof r === 'object') {
		return pre + TOKEN + JSON.stringify(r) + TOKEN;
	}
	return pre + r;
}

var ansiCEscape = /\\([0-7]{1,3}|x[\dA-Fa-f]{1,2}|u[\dA-Fa-f]{1,4}|U[\dA-Fa-f]{1,8}|c(?:\\\\|[\s\S])|[abeEfnrtv\\'"?])/g;

/**
 * @param {string} m
 * @param {string} escape
 */
function expandAnsiCEscape(m, escape) {
	var kind = escape.charAt(0);
	if (kind === 'c') {
		var ctrl = escape.charAt(1);
		return ctrl === '?' ? '\x7F' : String.fromCharCode(ctrl.charCodeAt(0) & 0x1F);
	}
	if (kind === 'x' || kind === 'u' || kind === 'U') {
		var cp = parseInt(escape.slice(1), 16);
		if (cp > 0x10FFFF) {
			return m;
		}
		return String.fromCharCode.apply(null, cp > 0xFFFF ? [0xD7C0 + (cp >> 10), 0xDC00 + (cp & 0x3FF)] : [cp]);
	}
	if (kind >= '0' && kind <= '7') {
		return String.fromCharCode(parseInt(escape, 8) & 0xFF);
	}
	var letter = ANSI_C_LETTERS.indexOf(escape);
	return letter < 0 ? escape : ANSI_C_CHARS.charAt(letter);
}

/** @param {string} body */
function expandAnsiC(body) {
	return body.replace(ansiCEscape, expandAnsiCEscape).split('\0')[0]; // like bash, a NUL ends the string
}

/**
 * @param {string} s
 * @param {number} i
 */
function closesAnsiC(s, i) {
	ansiCAt.lastIndex = i;
	return !!(/** @type {RegExpExecArray} */ (ansiCAt.exec(s)))[1];
}

/**
 * @param {string} string
 * @param {Env} [env]
 * @param {{ escape?: string, splitUnquoted?: boolean | string }} [opts]
 * @returns {ParseEntry[]}
 */
function parseInternal(string, env, opts) {
	if (!opts) {
		opts = {};
	}
	var BS = opts.escape || '\\';
	var ifs = opts.splitUnquoted === true ? ' \t\n' : (typeof opts.splitUnquoted === 'string' ? opts.splitUnquoted : '');
	var BAREWORD = '(\\' + BS + '[\'"$\\' + BS + META + ']|\\$\\$|\\$(?!' + ANSI_C_QUOTE.slice(2) + ')|[^\\s\'"$' + META + '])+';
	var DOUBLE_QUOTE = '"(?:\\' + BS + '[\\s\\S]|[^"\\' + BS + '])*"';

	var chunker = new RegExp([
		'(' + CONTROL + ')', // control chars
		'(' + ANSI_C_QUOTE + '|' + BAREWORD + '|' + DOUBLE_QUOTE + '|' + SINGLE_QUOTE + ')+'
	].join('|'), 'g');

	var matches = matchAll(string, chunker);

	if (matches.length === 0) {
		return [];
	}
	if (!env) {
		env = {};
	}

	var commented = false;

	return matches.map(function (match) {
		var s = match[0];
		if (!s || commented) {
			return void undefined;
		}
		if (controlRE.test(s)) {
			return /** @type {ControlOperator} */ ({ op: s });
		}

		// Hand-written scanner/parser for Bash quoting rules:
		//
		// 1. inside single quotes, all characters are printed literally.
		// 2. inside double quotes, all characters are printed literally
		//    except variables prefixed by '$' and backslashes followed by
		//    either a double quote or another backslash.
		// 3. outside of any quotes, backslashes are treated as escape
		//    characters and not printed (unless they are themselves escaped)
		// 4. quote context can switch mid-token if there is no whitespace
		//     between the two quote contexts (e.g. all'one'"token" parses as
		//     "allonetoken")
		/** @type {string | boolean} */
		var quote = false;
		var esc = false;
		var out = '';
		/** @type {string[]} */
		var words = [];
		var sawQuote = false;
		/** @type {number | null} */
		var pendingNw = null;
		var isGlob = false;
		/** @type {number} */
		var i;

		function parseEnvVar() {
			i += 1;
			/** @type {number | RegExpMatchArray | null} */
			var varend;
			/** @type {string} */
			var varname;
			var char = s.charAt(i);

			if (char === '{') {
				i += 1;
				if (s.charAt(i) === '}') {
					throw new Error('Bad substitution: ' + s.slice(i - 2, i + 1));
				}
				// match braces by depth so a nested `${` keeps its inner `}` from ending the outer substitution
				var depth = 1;
				varend = i;
				while (depth > 0 && varend < s.length) {
					if (s.charAt(varend) === '{' && s.charAt(varend - 1) === '$') {
						depth += 1;
					} else if (s.charAt(varend) === '}') {
						depth -= 1;
					}
					varend += 1;
				}
				if (depth !== 0) {
					throw new Error('Bad substitution: ' + s.slice(i));
				}
				varend -= 1;
				varname = s.slice(i, varend);
				i = varend;
			} else if ((/[*@#?$!-]/).test(char)) {
				varname = char;
			} else {
				var slicedFromI = s.slice(i);
				varend = slicedFromI.match(/[^\w\d_]/);
				if (!varend) {
					varname = slicedFromI;
					i = s.length;
				} else {
					varname = slicedFromI.slice(0, varend.index);
					i += /** @type {number} */ (varend.index) - 1;
				}
			}
			return getVar(/** @type {NonNullable<typeof env>} */ (env), '', varname);
		}

		function flushRun() {
			if (pendingNw === null) {
				return;
			}
			if (pendingNw === 0) {
				if (out !== '') {
					words[words.length] = out;
					out = '';
				}
			} else {
				words[words.length] = out;
				out = '';
				for (var fe = 1; fe < pendingNw; fe += 1) {
					words[words.length] = '';
				}
			}
			pendingNw = null;
		}

		for (i = 0; i < s.length; i++) {
			var c = s.charAt(i);
			if (ifs && c !== DS) {
				flushRun();
			}
			isGlob = isGlob || (!quote && (c === '*' || c === '?'));
			if (esc) {
				out += c;
				esc = false;
			} else if (quote) {
				if (c === quote) {
					quote = false;
				} else if (quote == SQ) {
					out += c;
				} else { // Double quote
					if (c === BS) {
						i += 1;
						c = s.charAt(i);
						if (c === DQ || c === BS || c === DS) {
							out += c;
						} else {
							out += BS + c;
						}
					} else if (c === DS) {
						out += parseEnvVar();
					} else {
						out += c;
					}
				}
			} else if (c === DQ || c === SQ) {
				quote = c;
				sawQuote = true;
			} else if (controlRE.test(c)) {
				return /** @type {ControlOperator} */ ({ op: s });
			} else if (hash.test(c)) {
				commented = true;
				var commentObj = { comment: string.slice(match.index + i + 1) };
				if (out.length) {
					return /** @type {const} */ ([out, commentObj]);
				}
				return /** @type {const} */ ([commentObj]);
			} else if (c === BS) {
				esc = true;
			} else if (c === DS && s.charAt(i + 1) === SQ && closesAnsiC(s, i)) {
				flushRun();
				sawQuote = true;
				out += expandAnsiC(s.slice(i + 2, ansiCAt.lastIndex - 1));
				i = ansiCAt.lastIndex - 1;
			} else if (c === DS) {
				var value = parseEnvVar();
				if (!ifs) {
					out += value;
				} else {
					for (var vi = 0; vi < value.length; vi += 1) {
						var vc = value.charAt(vi);
						if (ifs.indexOf(vc) < 0) {
							flushRun();
							out += vc;
						} else if (pendingNw === null) {
							pendingNw = vc === ' ' || vc === '\t' || vc === '\n' ? 0 : 1;
						} else if (vc !== ' ' && vc !== '\t' && vc !== '\n') {
							pendingNw += 1;
						}
					}
				}
			} else {
				out += c;
			}
		}

		if (isGlob) {
			return /** @type {GlobPattern} */ ({ op: 'glob', pattern: out });
		}

		if (ifs) {
			if (pendingNw !== null && pendingNw > 0) {
				words[words.length] = out;
				out = '';
				for (var te = 1; te < pendingNw; te += 1) {
					words[words.length] = '';
				}
			}
			if (out !== '' || (sawQuote && words.length === 0)) {
				words[words.length] = out;
			}
			return words;
		}

		return out;
	}).reduce(function (prev, arg) { // finalize parsed arguments
		if (typeof arg === 'undefined') {
			return prev;
		}
		/** @type {ParseEntry[]} */ ([]).concat(arg).forEach(function (entry) {
			prev[prev.length] = entry;
		});
		return prev;
	}, /** @type {ParseEntry[]} */ ([]));
}

/** @type {typeof import('./parse')} */
module.exports = function parse(s, env, opts) {
	var mapped = parseInternal(s, env, opts);
	if (typeof env !== 'function') {
		return mapped;
	}
	return mapped.reduce(function (acc, s) {
		if (typeof s === 'object') {
			acc[acc.length] = s;
			return acc;
		}
		var xs = s.split(RegExp('(' + TOKEN + '.*?' + TOKEN + ')', 'g'));
		if (xs.length === 1) {
			acc[acc.length] = xs[0];
			return acc;
		}
		xs.filter(Boolean).forEach(function (x) {
			acc[acc.length] = startsWithToken.test(x)
				? JSON.parse(x.split(TOKEN)[1])
				: x;
		});
		return acc;
	}, /** @type {ParseEntry[]} */ ([]));
};


/***/ }),

/***/ 5335:
/***/ ((module) => {



/** @import { ControlOperator } from './parse' */

/** @type {ControlOperator['op'][]} */
var OPS = /** @type {const} */ ([
	'||',
	'&&',
	';;&',
	';;',
	';&',
	'|&',
	'<(',
	'>(',
	'<<<',
	'<<-',
	'<<',
	'>>',
	'>&',
	'>|',
	'&>>',
	'&>',
	'<&',
	'<>',
	'&',
	';',
	'(',
	')',
	'|',
	'<',
	'>'
]);
var LINE_TERMINATORS = /[\n\r\u2028\u2029]/;
var GLOB_SHELL_SPECIAL = /[\s#!"$&'():;<=>@\\^`|~]/g;

/** @type {typeof import('./quote')} */
module.exports = function quote(xs) {
	var sawComment = false;
	return xs.map(function (s) {
		if (sawComment && typeof s === 'string' && LINE_TERMINATORS.test(s)) {
			throw new TypeError('a token after a `comment` must not contain line terminators');
		}
		if (s === '') {
			return /** @type {const} */ ('\'\'');
		}
		if (s && typeof s === 'object') {
			if ('op' in s && s.op === 'glob') {
				if (typeof s.pattern !== 'string') {
					throw new TypeError('glob token requires a string `pattern`');
				}
				if (LINE_TERMINATORS.test(s.pattern)) {
					throw new TypeError('glob `pattern` must not contain line terminators');
				}
				if (s.pattern === '') {
					return /** @type {const} */ ('\'\'');
				}
				return s.pattern.replace(GLOB_SHELL_SPECIAL, '\\$&');
			}
			if ('op' in s && typeof s.op === 'string') {
				if (OPS.indexOf(s.op) < 0) {
					throw new TypeError('invalid `op` value: ' + JSON.stringify(s.op));
				}
				return s.op.replace(/[\s\S]/g, '\\$&');
			}
			if ('comment' in s && typeof s.comment === 'string') {
				if (LINE_TERMINATORS.test(s.comment)) {
					throw new TypeError('`comment` must not contain line terminators');
				}
				sawComment = true;
				return '#' + s.comment;
			}
			throw new TypeError('unrecognized object token shape');
		}
		if ((/'/).test(s) && (/!/).test(s)) {
			return "'" + s.replace(/'/g, "'\"'\"'") + "'";
		}
		if ((/["\s\\]/).test(s) && !(/'/).test(s)) {
			return "'" + s + "'";
		}
		if ((/["'\s]/).test(s)) {
			return '"' + s.replace(/(["\\$`])/g, '\\$1') + '"';
		}
		return String(s).replace(/([A-Za-z]:)?([#!"$&'()*,:;<=>?@[\\\]^`{|}~])/g, '$1\\$2');
	}).join(' ');
};


/***/ }),

/***/ 486:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5696);
/** The `distributed-locust` command (dist/cli/index.js). */

process.exitCode = await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .iW)(process.argv);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 5696:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  iW: () => (/* binding */ main)
});

// UNUSED EXPORTS: EXIT, flagOf

// EXTERNAL MODULE: ./node_modules/commander/index.js
var commander = __nccwpck_require__(8909);
;// CONCATENATED MODULE: ./node_modules/commander/esm.mjs


// wrapper to provide named exports for ESM.
const {
  /* program */ "DM": program,
  /* createCommand */ "gu": createCommand,
  /* createArgument */ "er": createArgument,
  /* createOption */ "Ww": createOption,
  /* CommanderError */ "b7": CommanderError,
  /* InvalidArgumentError */ "Di": InvalidArgumentError,
  /* InvalidOptionArgumentError */ "a2": InvalidOptionArgumentError, // deprecated old name
  /* Command */ "uB": Command,
  /* Argument */ "ef": Argument,
  /* Option */ "c$": Option,
  /* Help */ "_V": Help,
} = commander;

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./src/backend/index.ts
/** The backend for a run; each is loaded only when chosen. */
async function createBackend(kind) {
    switch (kind) {
        case 'local':
            return (await __nccwpck_require__.e(/* import() */ 506).then(__nccwpck_require__.bind(__nccwpck_require__, 6506))).createLocalBackend();
        case 'aws':
            return (await Promise.all(/* import() */[__nccwpck_require__.e(733), __nccwpck_require__.e(213)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6213))).createAwsBackend();
    }
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
;// CONCATENATED MODULE: ./src/thresholds/metrics.ts
/** The vocabulary of threshold metrics: their names, families and units. Pure, no I/O. */
const SIMPLE_METRIC_FAMILIES = {
    min: 'time',
    max: 'time',
    avg: 'time',
    median: 'time',
    rps: 'rate',
    fail_rps: 'rate',
    requests: 'count',
    failures: 'count',
    fail_ratio: 'ratio'
};
/** The percentile columns Locust writes by default (locust.stats.PERCENTILES_TO_REPORT). */
const LOCUST_DEFAULT_PERCENTILES = [50, 66, 75, 80, 90, 95, 98, 99, 99.9, 99.99, 100];
/**
 * Locust labels a percentile column with round(100 * p, 6), so a percentile it can write has at
 * most this many decimals.
 */
const MAX_PERCENTILE_DECIMALS = 6;
/** Every metric name a user is likely to mean, for "did you mean" suggestions and help texts. */
const KNOWN_METRIC_NAMES = [
    ...Object.keys(SIMPLE_METRIC_FAMILIES),
    ...LOCUST_DEFAULT_PERCENTILES.map((quantile) => `p${quantile}`)
];
function isSimpleMetricName(name) {
    return Object.hasOwn(SIMPLE_METRIC_FAMILIES, name);
}
function metricFamily(metric) {
    return metric.kind === 'percentile' ? 'time' : SIMPLE_METRIC_FAMILIES[metric.kind];
}
/** The metric as a rule writes it: "p99.9", "fail_ratio", "avg". */
function metrics_metricName(metric) {
    return metric.kind === 'percentile' ? `p${metric.quantile}` : metric.kind;
}

;// CONCATENATED MODULE: ./src/report/escape.ts
/**
 * Making user-controlled text (endpoint names, error messages, hosts, tracebacks) safe to render.
 * Nothing that passes through here can start HTML, a link, emphasis or math in markdown, split a
 * table cell, close a code fence, break a Mermaid block, or send an escape sequence to a terminal.
 */
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;
/**
 * C0/C1 control characters but the line feed (ESC starts terminal sequences), plus the bidi
 * overrides that make text display differently from what it is.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** One line of plain text: line breaks and tabs become spaces, other control characters go. */
function oneLine(text) {
    return text.replace(LINE_BREAKS, ' ').replace(/\t/g, ' ').replace(CONTROLS, '');
}
/** At most maxChars characters (not UTF-16 units, so no emoji is cut in half), "…" marking a cut. */
function truncate(text, maxChars) {
    const chars = Array.from(text);
    return chars.length <= maxChars ? text : `${chars.slice(0, maxChars - 1).join('')}…`;
}
/**
 * Inline markdown text, safe in a paragraph, list item or table cell. HTML-significant characters
 * and `|` become entities (CommonMark never reads an entity as syntax); emphasis, code, link and
 * strikethrough markers are backslash-escaped; `$` (GitHub math) becomes an entity.
 */
function markdownText(text, maxChars = 300) {
    return truncate(oneLine(text), maxChars).replace(/[&<>|$\\`*_[\]~]/g, markdownEscape);
}
const MARKDOWN_ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '|': '&#124;',
    $: '&#36;'
};
function markdownEscape(char) {
    return MARKDOWN_ENTITIES[char] ?? `\\${char}`;
}
/**
 * A code span, shown literally (no HTML, emphasis or autolink inside): the backtick fence is
 * longer than any backtick run inside, and padding keeps edge backticks and spaces.
 */
function inlineCode(text, maxChars = 200) {
    return codeSpan(truncate(oneLine(text), maxChars));
}
/**
 * A code span for a GFM table cell: as inlineCode, with `|` written `\|`, which GFM tables read as
 * a literal pipe even inside code.
 */
function tableCode(text, maxChars = 200) {
    return codeSpan(truncate(oneLine(text), maxChars).replace(/\|/g, '\\|'));
}
function codeSpan(content) {
    const fence = '`'.repeat(longestRun(content, '`') + 1);
    const padded = /^[` ]|[` ]$/.test(content) ? ` ${content} ` : content;
    return `${fence}${padded}${fence}`;
}
/** Text inside an HTML element (e.g. <summary>), where markdown is not read but HTML is. */
function htmlText(text, maxChars = 300) {
    return truncate(oneLine(text), maxChars).replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]);
}
const HTML_ENTITIES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;'
};
/** Multi-line text shown literally in a fenced code block that nothing inside can close. */
function fencedBlock(text, info = 'text') {
    const body = text
        .replace(LINE_BREAKS, '\n')
        .replace(/\t/g, '    ')
        .replace(/[^\S\n]+$/gm, '')
        .replace(CONTROLS, '')
        .replace(/^\n+|\n+$/g, '');
    const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
    return `${fence}${info}\n${body}\n${fence}`;
}
/** A Mermaid title or axis label: only letters, digits, spaces and a little harmless punctuation. */
function mermaidText(text, maxChars = 80) {
    return truncate(oneLine(text).replace(/[^\p{L}\p{N} ()/.,%+-]/gu, ''), maxChars).trim();
}
function longestRun(text, char) {
    let longest = 0;
    let current = 0;
    for (const c of text) {
        current = c === char ? current + 1 : 0;
        if (current > longest)
            longest = current;
    }
    return longest;
}

;// CONCATENATED MODULE: ./src/report/figures.ts
/** The response time at a percentile column Locust wrote (95 → "95%"); null when absent or N/A. */
function percentileMs(stats, quantile) {
    return stats.percentiles.find((p) => p.quantile === quantile)?.ms ?? null;
}
/** Failures per request (0.25 = 25%); null without requests. */
function failRatio(stats) {
    return stats.requests > 0 ? stats.failures / stats.requests : null;
}
/**
 * The order endpoints are shown (and kept, when rows must be cut): failing endpoints first, most
 * failures first; then the busiest; then by name so equal rows keep a stable order.
 */
function orderEndpoints(endpoints) {
    return [...endpoints].sort((a, b) => Number(b.failures > 0) - Number(a.failures > 0) ||
        b.failures - a.failures ||
        b.requests - a.requests ||
        compareText(a.name, b.name) ||
        compareText(a.method, b.method));
}
/** Failures by occurrences, most frequent first. */
function orderFailures(failures) {
    return [...failures].sort((a, b) => b.occurrences - a.occurrences || compareText(a.name, b.name) || compareText(a.error, b.error));
}
/**
 * Samples the history on an even time grid of at most maxPoints points (each grid time takes the
 * latest sample at or before it), so a chart whose x-axis is elapsed time places every point right
 * even when the history has gaps or was thinned unevenly.
 */
function resampleHistory(history, maxPoints) {
    const points = [...history].sort((a, b) => a.timestamp - b.timestamp);
    if (points.length < 2)
        return points;
    const start = points[0].timestamp;
    const end = points[points.length - 1].timestamp;
    const span = end - start;
    const count = Math.max(2, Math.min(maxPoints, Math.floor(span) + 1));
    const grid = [];
    let index = 0;
    for (let step = 0; step < count; step++) {
        const time = step === count - 1 ? end : start + (span * step) / (count - 1);
        while (index + 1 < points.length && points[index + 1].timestamp <= time)
            index++;
        grid.push(points[index]);
    }
    return grid;
}
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/thresholds/format.ts
/** How threshold values and rules are shown to people: the one place that formats them. */

/**
 * Rounds to a few decimals but keeps two significant digits of small values, so a tiny
 * non-zero value (a 0.004% failure ratio) never shows as 0.
 */
function numberFormat(maximumFractionDigits) {
    return new Intl.NumberFormat('en-US', {
        maximumFractionDigits,
        maximumSignificantDigits: 2,
        roundingPriority: 'morePrecision'
    });
}
const TIME_FORMAT = numberFormat(2);
const PERCENT_FORMAT = numberFormat(2);
const RATE_FORMAT = numberFormat(1);
const COUNT_FORMAT = numberFormat(0);
/**
 * A value in the metric's normalised unit, for people: "512 ms", "1.25%", "104.2/s", "4,333".
 * Null (not measured) is "n/a".
 */
function format_formatValue(metric, value) {
    if (value === null)
        return 'n/a';
    switch (metricFamily(metric)) {
        case 'time':
            return `${TIME_FORMAT.format(value)} ms`;
        case 'ratio':
            return `${PERCENT_FORMAT.format(value * 100)}%`;
        case 'rate':
            return `${RATE_FORMAT.format(value)}/s`;
        case 'count':
            return COUNT_FORMAT.format(value);
    }
}
/** The rule in a normalised form: "p95 < 500 ms", "GET /api/items: fail_ratio < 1%". */
function format_describeRule(rule) {
    const comparison = `${metricName(rule.metric)} ${rule.operator} ${format_formatValue(rule.metric, rule.limit)}`;
    return rule.selector === undefined ? comparison : `${rule.selector}: ${comparison}`;
}

;// CONCATENATED MODULE: ./src/report/format.ts
/**
 * Number formatting for every rendering of a report. Human text follows the threshold language's
 * formatter (src/thresholds/format.ts), so a p95 reads the same in a rule's verdict and in the
 * endpoint table; machine values (results.json, action outputs) are rounded here, in one place.
 */

/** A metric of each family, to format a figure that is not a rule's value in the same way. */
const FAMILY_METRICS = {
    time: { kind: 'avg' },
    ratio: { kind: 'fail_ratio' },
    rate: { kind: 'rps' },
    count: { kind: 'requests' }
};
/** Decimals kept in machine values: enough for any threshold, few enough to keep diffs stable. */
const MACHINE_DECIMALS = { time: 3, ratio: 6, rate: 3, count: 0 };
/** A figure for people: "4,333", "2.76 ms", "24.9%", "541.7/s"; "n/a" when unknown. */
function report_format_formatValue(value, family) {
    const known = value === undefined || (value !== null && !Number.isFinite(value)) ? null : value;
    return format_formatValue(FAMILY_METRICS[family], known);
}
/** A whole number with thousands separators: "4,333". */
function formatCount(value) {
    return report_format_formatValue(value, 'count');
}
/** A threshold's limit as a condition: "< 500 ms", ">= 100/s". */
function formatLimit(operator, limit, metric) {
    return `${operator} ${format_formatValue(metric, limit)}`;
}
/** A duration in seconds the way Locust's --run-time writes it: "45s", "5m", "1h30m", "8.2s". */
function formatSeconds(seconds) {
    if (!Number.isFinite(seconds) || seconds < 0)
        return 'n/a';
    if (seconds < 60)
        return `${Number(seconds.toFixed(1))}s`;
    const whole = Math.round(seconds);
    const hours = Math.floor(whole / 3600);
    const minutes = Math.floor((whole % 3600) / 60);
    const rest = whole % 60;
    return [hours && `${hours}h`, minutes && `${minutes}m`, rest && `${rest}s`]
        .filter(Boolean)
        .join('');
}
/** A figure for machines (results.json): rounded per family; null when unknown. */
function machineValue(value, family) {
    if (value === null || value === undefined || !Number.isFinite(value))
        return null;
    const factor = 10 ** MACHINE_DECIMALS[family];
    return Math.round(value * factor) / factor;
}
/** A figure as an action output: the machine value as a plain decimal string, '' when unknown. */
function outputValue(value, family) {
    const rounded = machineValue(value, family);
    return rounded === null ? '' : String(rounded);
}

;// CONCATENATED MODULE: ./src/report/content.ts


const VERDICT_TITLES = {
    passed: 'Load test passed',
    failed: 'Load test failed its thresholds',
    error: 'Load test could not run'
};
const PARTIAL_NOTE = 'the run did not complete, so the figures cover only part of it.';
const NO_RESULTS_NOTE = 'Locust wrote no readable results.';
function thresholdsSentence(results) {
    const failed = results.filter((result) => result.verdict === 'fail').length;
    if (results.length === 0)
        return 'No thresholds were set.';
    if (results.length === 1)
        return failed === 0 ? 'The threshold held.' : 'The threshold failed.';
    if (failed === 0)
        return `All ${formatCount(results.length)} thresholds held.`;
    return `${formatCount(failed)} of ${formatCount(results.length)} thresholds failed.`;
}
/** The aggregate in one line; strong() emphasises each figure the way the rendering can. */
function headline(total, strong) {
    return [
        `${strong(formatCount(total.requests))} requests`,
        `${strong(formatCount(total.failures))} failures (${report_format_formatValue(failRatio(total), 'ratio')})`,
        strong(report_format_formatValue(total.rps, 'rate')),
        `median ${strong(report_format_formatValue(total.medianMs, 'time'))}`,
        `p95 ${strong(report_format_formatValue(percentileMs(total, 95), 'time'))}`,
        `p99 ${strong(report_format_formatValue(percentileMs(total, 99), 'time'))}`
    ].join(' · ');
}
/** The run facts as label/value pairs, links excluded (each rendering draws them its own way). */
function runFacts(report, format) {
    const facts = report.facts;
    const known = (text, shown) => text === undefined ? 'not known' : shown(text);
    const workers = facts.workersConnected === undefined
        ? `${formatCount(facts.workers)} expected`
        : `${formatCount(facts.workersConnected)} of ${formatCount(facts.workers)} connected`;
    const requested = `${formatSeconds(facts.runTimeSeconds)} requested`;
    const runTime = facts.durationSeconds === undefined
        ? requested
        : `${requested}, ${formatSeconds(facts.durationSeconds)} measured`;
    const items = [
        ['Backend', facts.backend === 'aws' ? 'AWS (Fargate, Step Functions)' : 'local'],
        ['Host', known(facts.host, format.literal)],
        ['Users', `${formatCount(facts.users)} (spawn rate ${report_format_formatValue(facts.spawnRate, 'rate')})`],
        ['Workers', workers],
        ['Run time', runTime]
    ];
    if (facts.startedAt !== undefined)
        items.push(['Started', format.text(facts.startedAt)]);
    if (facts.endedAt !== undefined)
        items.push(['Ended', format.text(facts.endedAt)]);
    items.push(['Locust', known(facts.locustVersion, format.text)]);
    const missing = report.results?.missingFiles ?? [];
    if (missing.length > 0)
        items.push(['Not written by Locust', missing.map(format.literal).join(', ')]);
    return items;
}

;// CONCATENATED MODULE: ./src/report/markdown.ts





/** GitHub refuses a step summary larger than 1 MiB. */
const SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** Room left under the limit for anything the action appends to the summary. */
const DEFAULT_MAX_BYTES = SUMMARY_LIMIT_BYTES - 32 * 1024;
const MAX_THRESHOLD_ROWS = 200;
const MAX_FAILURE_ROWS = 20;
const MAX_EXCEPTIONS = 10;
const MAX_TRACEBACK_CHARS = 4000;
const MAX_ERROR_CHARS = 2000;
const CHART_POINTS = 60;
function renderMarkdown(report, options = {}) {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const results = report.results;
    const leading = [verdictSection(report), thresholdsSection(report.evaluation.results)];
    const trailing = results
        ? [failuresSection(results), exceptionsSection(results.exceptions), factsSection(report)]
        : [factsSection(report)];
    if (results)
        trailing.push(chartsSection(results.history));
    const fixedBytes = byteLength(joinSections([...leading, ...trailing]));
    const endpointBudget = maxBytes - fixedBytes - SECTION_SEPARATOR.length;
    const endpoints = results ? endpointsSection(results, endpointBudget) : '';
    const full = joinSections([...leading, endpoints, ...trailing]);
    if (byteLength(full) <= maxBytes)
        return full;
    // Only a maxBytes smaller than the bounded sections (a few KiB, at most ~200 KiB) gets here.
    const compact = joinSections([
        verdictSection(report),
        `_The full summary would exceed ${formatCount(maxBytes)} bytes; every figure is in results.json._`
    ]);
    return byteLength(compact) <= maxBytes ? compact : `${verdictHeading(report)}\n`;
}
const SECTION_SEPARATOR = '\n\n';
function joinSections(sections) {
    return `${sections.filter((section) => section !== '').join(SECTION_SEPARATOR)}\n`;
}
function byteLength(text) {
    return Buffer.byteLength(text, 'utf8');
}
const VERDICT_ICONS = { passed: '✅', failed: '❌', error: '⚠️' };
function verdictHeading(report) {
    return `## ${VERDICT_ICONS[report.verdict]} ${VERDICT_TITLES[report.verdict]}`;
}
function verdictSection(report) {
    const lines = [verdictHeading(report), ''];
    if (report.error !== undefined) {
        lines.push(`> **Error:** ${markdownText(report.error, MAX_ERROR_CHARS)}`, '');
    }
    if (report.partial)
        lines.push(`> **Partial results:** ${PARTIAL_NOTE}`, '');
    if (!report.results)
        lines.push(NO_RESULTS_NOTE, '');
    lines.push(thresholdsSentence(report.evaluation.results));
    if (report.results)
        lines.push('', headline(report.results.aggregate, (text) => `**${text}**`));
    return lines.join('\n');
}
function thresholdsSection(results) {
    if (results.length === 0)
        return '';
    const shown = results.length <= MAX_THRESHOLD_ROWS
        ? results
        : [...results]
            .sort((a, b) => Number(b.verdict === 'fail') - Number(a.verdict === 'fail'))
            .slice(0, MAX_THRESHOLD_ROWS)
            .sort((a, b) => a.rule.line - b.rule.line);
    const rows = shown.map((result) => {
        const family = metricFamily(result.rule.metric);
        return tableRow([
            tableCode(result.rule.text),
            report_format_formatValue(result.actual, family),
            markdownText(formatLimit(result.rule.operator, result.rule.limit, result.rule.metric)),
            result.verdict === 'pass' ? '✅ pass' : '❌ fail',
            markdownText(result.reason ?? '')
        ]);
    });
    return [
        '### Thresholds',
        '',
        tableRow(['Rule', 'Actual', 'Limit', 'Result', 'Reason']),
        tableRow([':--', '--:', '--:', ':-:', ':--']),
        ...rows,
        ...cutNote(shown.length, results.length, 'thresholds', 'failing first')
    ].join('\n');
}
const ENDPOINT_HEADER = [
    tableRow(['Method', 'Name', 'Requests', 'Failures', 'Median', 'p95', 'p99', 'Avg', 'Max', 'RPS']),
    tableRow([':--', ':--', '--:', '--:', '--:', '--:', '--:', '--:', '--:', '--:'])
];
/** The endpoint table, with as many rows (most important first) as fit in budgetBytes. */
function endpointsSection(results, budgetBytes) {
    const ordered = orderEndpoints(results.endpoints);
    const total = endpointRow(results.aggregate, true);
    const worstNote = cutNote(0, ordered.length, 'endpoints', 'failing first, then the busiest');
    const frameBytes = byteLength(['### Endpoints', '', ...ENDPOINT_HEADER, total, ...worstNote].join('\n'));
    let available = budgetBytes - frameBytes;
    const rows = [];
    for (const endpoint of ordered) {
        const row = endpointRow(endpoint, false);
        available -= byteLength(row) + 1;
        if (available < 0)
            break;
        rows.push(row);
    }
    return [
        '### Endpoints',
        '',
        ...ENDPOINT_HEADER,
        ...rows,
        total,
        ...cutNote(rows.length, ordered.length, 'endpoints', 'failing first, then the busiest')
    ].join('\n');
}
function endpointRow(stats, isTotal) {
    const failures = stats.failures > 0
        ? `${formatCount(stats.failures)} (${report_format_formatValue(failRatio(stats), 'ratio')})`
        : '0';
    const cells = [
        formatCount(stats.requests),
        failures,
        report_format_formatValue(stats.medianMs, 'time'),
        report_format_formatValue(percentileMs(stats, 95), 'time'),
        report_format_formatValue(percentileMs(stats, 99), 'time'),
        report_format_formatValue(stats.avgMs, 'time'),
        report_format_formatValue(stats.maxMs, 'time'),
        report_format_formatValue(stats.rps, 'rate')
    ];
    if (isTotal)
        return tableRow(['', '**Aggregated**', ...cells.map((cell) => `**${cell}**`)]);
    return tableRow([markdownText(stats.method, 20), markdownText(stats.name, 200), ...cells]);
}
function failuresSection(results) {
    if (results.failures.length === 0)
        return '';
    const shown = orderFailures(results.failures).slice(0, MAX_FAILURE_ROWS);
    return [
        '### Top failures',
        '',
        tableRow(['Occurrences', 'Method', 'Name', 'Error']),
        tableRow(['--:', ':--', ':--', ':--']),
        ...shown.map((failure) => tableRow([
            formatCount(failure.occurrences),
            markdownText(failure.method, 20),
            markdownText(failure.name, 200),
            markdownText(failure.error, 500)
        ])),
        ...cutNote(shown.length, results.failures.length, 'distinct failures', 'most frequent first')
    ].join('\n');
}
function exceptionsSection(exceptions) {
    if (exceptions.length === 0)
        return '';
    const shown = [...exceptions].sort((a, b) => b.count - a.count).slice(0, MAX_EXCEPTIONS);
    const blocks = shown.map((exception) => {
        const nodes = exception.nodes.trim() === '' ? '' : ` (on ${exception.nodes})`;
        return [
            '<details>',
            `<summary>${formatCount(exception.count)} × ${htmlText(exception.message + nodes)}</summary>`,
            '',
            fencedBlock(lastChars(exception.traceback, MAX_TRACEBACK_CHARS) || '(no traceback)'),
            '',
            '</details>'
        ].join('\n');
    });
    return [
        '### Exceptions',
        '',
        blocks.join('\n\n'),
        ...cutNote(shown.length, exceptions.length, 'exceptions', 'most frequent first')
    ].join('\n');
}
/** The end of a traceback is where the error is, so a long one loses its beginning. */
function lastChars(text, maxChars) {
    const chars = Array.from(text);
    return chars.length <= maxChars ? text : `…\n${chars.slice(-maxChars).join('')}`;
}
function factsSection(report) {
    const items = runFacts(report, { text: (text) => markdownText(text), literal: inlineCode });
    for (const link of report.facts.links ?? [])
        items.push([markdownText(link.label, 80), linkText(link)]);
    return ['### Run', '', ...items.map(([label, value]) => `- **${label}:** ${value}`)].join('\n');
}
/** Only plain http(s) URLs become links; anything else is shown as text. */
const SAFE_URL = /^https?:\/\/[^\s<>()[\]"'`\\|]+$/;
function linkText(link) {
    const shown = markdownText(link.value ?? link.url ?? '', 200);
    if (link.url === undefined || !SAFE_URL.test(link.url))
        return shown;
    return `[${shown}](${link.url})`;
}
const CHARTS = [
    { title: 'Users', axis: 'Users', family: 'count', series: [(p) => p.users] },
    { title: 'Requests per second', axis: 'Requests/s', family: 'rate', series: [(p) => p.rps] },
    { title: 'Failures per second', axis: 'Failures/s', family: 'rate', series: [(p) => p.failRps] },
    {
        title: 'Response time, p95 (upper line) and p50 (ms)',
        axis: 'ms',
        family: 'time',
        series: [(p) => p.p95Ms, (p) => p.p50Ms]
    }
];
function chartsSection(history) {
    const points = resampleHistory(history, CHART_POINTS);
    if (points.length < 2) {
        return '### Over time\n\n_No charts: the stats history holds fewer than two samples._';
    }
    const elapsed = Math.round(points[points.length - 1].timestamp - points[0].timestamp);
    const charts = CHARTS.map((chart) => {
        const lines = chart.series.map((value) => points.map((point) => machineValue(value(point), chart.family) ?? 0));
        return [
            '```mermaid',
            'xychart-beta',
            `  title "${mermaidText(chart.title)}"`,
            `  x-axis "${mermaidText('Elapsed time (s)')}" 0 --> ${Math.max(1, elapsed)}`,
            `  y-axis "${mermaidText(chart.axis)}" 0 --> ${niceCeiling(Math.max(...lines.flat()))}`,
            ...lines.map((values) => `  line [${values.join(', ')}]`),
            '```'
        ].join('\n');
    });
    return ['### Over time', '', charts.join('\n\n')].join('\n');
}
const NICE_FACTORS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
/** A round upper bound for a y-axis, so charts start at 0 and end on a tidy value above the data. */
function niceCeiling(max) {
    if (!(max > 0))
        return 1;
    const magnitude = 10 ** Math.floor(Math.log10(max));
    const factor = NICE_FACTORS.find((candidate) => candidate * magnitude >= max) ?? 10;
    return Number((factor * magnitude).toPrecision(12));
}
function tableRow(cells) {
    return `| ${cells.join(' | ')} |`;
}
/** The sentence saying what was cut, or nothing when everything is shown. */
function cutNote(shown, total, what, order) {
    if (shown >= total)
        return [];
    return [
        '',
        `_Showing ${formatCount(shown)} of ${formatCount(total)} ${what} (${order}); all of them are in results.json._`
    ];
}

;// CONCATENATED MODULE: ./src/report/json.ts



/** Raised only when a field changes meaning or disappears; new fields keep the version. */
const RESULTS_SCHEMA_VERSION = 1;
/** At most this many history samples, on an even time grid over the whole run. */
const HISTORY_POINTS = 500;
function toResultsJson(report) {
    const results = report.results;
    return {
        schemaVersion: RESULTS_SCHEMA_VERSION,
        verdict: report.verdict,
        passed: report.verdict === 'passed',
        partial: report.partial,
        error: report.error ?? null,
        facts: report.facts,
        totals: results ? endpointJson(results.aggregate) : null,
        endpoints: results ? results.endpoints.map(endpointJson) : [],
        thresholds: report.evaluation.results.map(thresholdJson),
        failures: results?.failures ?? [],
        exceptions: results?.exceptions ?? [],
        history: {
            rowsRead: results?.historyRowsRead ?? 0,
            points: results ? resampleHistory(results.history, HISTORY_POINTS) : []
        },
        missingFiles: results?.missingFiles ?? []
    };
}
/**
 * The action outputs that describe the result: passed ("true"/"false"), requests, failures,
 * fail-ratio (a fraction), rps, p50, p95, p99 (milliseconds); '' for what is not known.
 */
function reportOutputs(report) {
    const total = report.results?.aggregate;
    const percentile = (quantile) => (total ? percentileMs(total, quantile) : null);
    return {
        passed: String(report.verdict === 'passed'),
        requests: outputValue(total?.requests, 'count'),
        failures: outputValue(total?.failures, 'count'),
        'fail-ratio': outputValue(total ? failRatio(total) : null, 'ratio'),
        rps: outputValue(total?.rps, 'rate'),
        p50: outputValue(percentile(50) ?? total?.medianMs, 'time'),
        p95: outputValue(percentile(95), 'time'),
        p99: outputValue(percentile(99), 'time')
    };
}
function endpointJson(stats) {
    return {
        method: stats.method,
        name: stats.name,
        requests: stats.requests,
        failures: stats.failures,
        failRatio: machineValue(failRatio(stats), 'ratio'),
        rps: machineValue(stats.rps, 'rate'),
        failRps: machineValue(stats.failRps, 'rate'),
        medianMs: machineValue(stats.medianMs, 'time'),
        avgMs: machineValue(stats.avgMs, 'time'),
        minMs: machineValue(stats.minMs, 'time'),
        maxMs: machineValue(stats.maxMs, 'time'),
        avgContentSize: stats.avgContentSize,
        percentiles: Object.fromEntries(stats.percentiles.map((p) => [`p${p.quantile}`, machineValue(p.ms, 'time')]))
    };
}
function thresholdJson(result) {
    const { rule } = result;
    const family = metricFamily(rule.metric);
    return {
        rule: rule.text,
        line: rule.line,
        selector: rule.selector ?? null,
        metric: metrics_metricName(rule.metric),
        family,
        operator: rule.operator,
        limit: machineValue(rule.limit, family),
        actual: machineValue(result.actual, family),
        verdict: result.verdict,
        reason: result.reason ?? null
    };
}

;// CONCATENATED MODULE: ./src/results/csv.ts
/**
 * A streaming CSV tokenizer (RFC 4180 plus the leniencies of Python's csv module, which writes
 * Locust's files), written for throughput: it scans bytes, hands each field to a sink as a byte
 * range of the chunk it came from, and copies bytes only for fields that cross a chunk boundary or
 * contain escaped quotes. Pure: no I/O.
 */
const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
class CsvError extends Error {
    line;
    constructor(message, line) {
        super(message);
        this.line = line;
        this.name = 'CsvError';
    }
}
var State;
(function (State) {
    /** Before the first byte of a field. */
    State[State["FieldStart"] = 0] = "FieldStart";
    /** Inside an unquoted field (or after the closing quote of a quoted one). */
    State[State["Unquoted"] = 1] = "Unquoted";
    /** Inside a quoted field. */
    State[State["Quoted"] = 2] = "Quoted";
    /** A chunk ended right after a quote inside a quoted field: escaped quote or closing quote? */
    State[State["QuoteInQuoted"] = 3] = "QuoteInQuoted";
    /** A record ended with CR: a following LF belongs to it. */
    State[State["AfterCr"] = 4] = "AfterCr";
})(State || (State = {}));
const BOM = [0xef, 0xbb, 0xbf];
class CsvTokenizer {
    sink;
    state = State.FieldStart;
    column = 0;
    /** Current physical line (1-based) and the line the current record started on. */
    line = 1;
    recordLine = 1;
    /** The line the current quoted field started on, for the error when it never ends. */
    quotedFieldLine = 1;
    /** Bytes of the current field that could not be handed over in place. */
    scratch = new Uint8Array(256);
    scratchLength = 0;
    fieldInScratch = false;
    /** The last byte of the previous chunk, to count a CRLF split across chunks once. */
    previousByte = -1;
    /** The first bytes of the stream, held until we know whether they are a byte order mark. */
    head = new Uint8Array(0);
    /** A UTF-16 high surrogate that ended a string chunk, joined to the next one. */
    pendingSurrogate = '';
    encoder = new TextEncoder();
    constructor(sink) {
        this.sink = sink;
    }
    write(chunk) {
        let bytes = typeof chunk === 'string' ? this.encodeString(chunk) : chunk;
        if (this.head !== null) {
            const joined = concatBytes(this.head, bytes);
            if (joined.length < BOM.length &&
                BOM.every((b, i) => i >= joined.length || joined[i] === b)) {
                this.head = joined;
                return;
            }
            this.head = null;
            bytes = startsWithBom(joined) ? joined.subarray(BOM.length) : joined;
        }
        this.scan(bytes);
    }
    /** Signals the end of the stream: flushes the last record. Throws on an unterminated quote. */
    end() {
        if (this.pendingSurrogate !== '') {
            const surrogate = this.pendingSurrogate;
            this.pendingSurrogate = '';
            this.write(surrogate);
        }
        if (this.head !== null) {
            const head = this.head;
            this.head = null;
            this.scan(startsWithBom(head) ? head.subarray(BOM.length) : head);
        }
        switch (this.state) {
            case State.Quoted:
                throw new CsvError(`a quoted field that starts on line ${this.quotedFieldLine} never ends (the file looks truncated)`, this.quotedFieldLine);
            case State.Unquoted:
            case State.QuoteInQuoted:
                this.emitScratch();
                this.sink.endRecord(this.recordLine);
                break;
            case State.FieldStart:
                // "a,b," ends with an empty field; a bare line end was already handled.
                if (this.column > 0) {
                    this.sink.field(this.scratch, 0, 0, this.column);
                    this.sink.endRecord(this.recordLine);
                }
                break;
            case State.AfterCr:
                break;
        }
        this.state = State.FieldStart;
        this.column = 0;
    }
    encodeString(chunk) {
        let text = this.pendingSurrogate + chunk;
        this.pendingSurrogate = '';
        const last = text.charCodeAt(text.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) {
            this.pendingSurrogate = text[text.length - 1];
            text = text.slice(0, -1);
        }
        return this.encoder.encode(text);
    }
    scan(bytes) {
        const n = bytes.length;
        let i = 0;
        let fieldStart = 0;
        scanning: while (i < n) {
            switch (this.state) {
                case State.AfterCr:
                    if (bytes[i] === LF)
                        i++;
                    this.state = State.FieldStart;
                    break;
                case State.FieldStart:
                    if (this.column === 0)
                        this.recordLine = this.line;
                    this.fieldInScratch = false;
                    if (bytes[i] === QUOTE) {
                        this.state = State.Quoted;
                        this.quotedFieldLine = this.line;
                        i++;
                    }
                    else {
                        this.state = State.Unquoted;
                    }
                    fieldStart = i;
                    break;
                case State.Unquoted: {
                    let j = i;
                    let c = 0;
                    while (j < n) {
                        c = bytes[j];
                        if (c <= COMMA && (c === COMMA || c === LF || c === CR))
                            break;
                        j++;
                    }
                    if (j === n)
                        break scanning;
                    const blankLine = c !== COMMA && this.column === 0 && j === fieldStart && !this.fieldInScratch;
                    if (blankLine) {
                        this.line++;
                        this.state = c === CR ? State.AfterCr : State.FieldStart;
                    }
                    else {
                        this.emit(bytes, fieldStart, j);
                        this.delimit(c);
                    }
                    i = j + 1;
                    break;
                }
                case State.Quoted: {
                    const q = bytes.indexOf(QUOTE, i);
                    if (q === -1) {
                        this.countLines(bytes, i, n);
                        break scanning;
                    }
                    this.countLines(bytes, i, q);
                    if (q + 1 === n) {
                        this.appendScratch(bytes, fieldStart, q);
                        this.state = State.QuoteInQuoted;
                        break scanning;
                    }
                    const next = bytes[q + 1];
                    if (next === QUOTE) {
                        // An escaped quote: keep the content up to and including one quote, skip the other.
                        this.appendScratch(bytes, fieldStart, q + 1);
                        i = q + 2;
                        fieldStart = i;
                    }
                    else if (next === COMMA || next === LF || next === CR) {
                        this.emit(bytes, fieldStart, q);
                        this.delimit(next);
                        i = q + 2;
                    }
                    else {
                        // Text after the closing quote is kept, as Python's csv does: go on unquoted.
                        this.appendScratch(bytes, fieldStart, q);
                        this.state = State.Unquoted;
                        i = q + 1;
                        fieldStart = i;
                    }
                    break;
                }
                case State.QuoteInQuoted:
                    if (bytes[i] === QUOTE) {
                        this.appendScratch(bytes, i, i + 1);
                        this.state = State.Quoted;
                        i++;
                    }
                    else {
                        // The quote closed the field; whatever follows is a delimiter or kept text.
                        this.state = State.Unquoted;
                    }
                    fieldStart = i;
                    break;
            }
        }
        // A field that goes on in the next chunk: keep what this chunk holds of it.
        if (this.state === State.Unquoted || this.state === State.Quoted) {
            this.appendScratch(bytes, fieldStart, n);
        }
        if (n > 0)
            this.previousByte = bytes[n - 1];
    }
    /** Hands over the field that ends at `end`: in place, or joined to what earlier chunks held. */
    emit(bytes, start, end) {
        if (this.fieldInScratch) {
            this.appendScratch(bytes, start, end);
            this.emitScratch();
        }
        else {
            this.sink.field(bytes, start, end, this.column);
        }
    }
    /** Acts on the delimiter that ended a field: next field, or end of record. */
    delimit(delimiter) {
        if (delimiter === COMMA) {
            this.column++;
            this.state = State.FieldStart;
            return;
        }
        this.sink.endRecord(this.recordLine);
        this.column = 0;
        this.line++;
        this.state = delimiter === CR ? State.AfterCr : State.FieldStart;
    }
    emitScratch() {
        this.sink.field(this.scratch, 0, this.scratchLength, this.column);
        this.scratchLength = 0;
        this.fieldInScratch = false;
    }
    appendScratch(bytes, start, end) {
        if (!this.fieldInScratch) {
            this.scratchLength = 0;
            this.fieldInScratch = true;
        }
        const length = end - start;
        if (length === 0)
            return;
        const needed = this.scratchLength + length;
        if (needed > this.scratch.length) {
            const grown = new Uint8Array(Math.max(needed, this.scratch.length * 2));
            grown.set(this.scratch.subarray(0, this.scratchLength));
            this.scratch = grown;
        }
        this.scratch.set(bytes.subarray(start, end), this.scratchLength);
        this.scratchLength = needed;
    }
    /** Counts line ends inside a quoted field; CRLF counts once, even split across chunks. */
    countLines(bytes, start, end) {
        for (let k = start; k < end; k++) {
            const c = bytes[k];
            if (c === CR)
                this.line++;
            else if (c === LF && (k > 0 ? bytes[k - 1] : this.previousByte) !== CR)
                this.line++;
        }
    }
}
function startsWithBom(bytes) {
    return bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}
function concatBytes(a, b) {
    if (a.length === 0)
        return b;
    const joined = new Uint8Array(a.length + b.length);
    joined.set(a);
    joined.set(b, a.length);
    return joined;
}
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
/** Decodes a field's bytes (see CsvSink.field). */
function decodeField(bytes, start, end) {
    return utf8.decode(bytes.subarray(start, end));
}
/** A sink that decodes every field and hands over whole records: for small files. */
class RecordSink {
    onRecord;
    fields = [];
    constructor(onRecord) {
        this.onRecord = onRecord;
    }
    field(bytes, start, end) {
        this.fields.push(decodeField(bytes, start, end));
    }
    endRecord(line) {
        const fields = this.fields;
        this.fields = [];
        this.onRecord(fields, line);
    }
}
/** Parses a whole CSV text (or chunks of one) into records of strings. */
function parseCsv(input) {
    const records = [];
    const tokenizer = new CsvTokenizer(new RecordSink((fields) => records.push(fields)));
    const chunks = typeof input === 'string' || input instanceof Uint8Array ? [input] : input;
    for (const chunk of chunks)
        tokenizer.write(chunk);
    tokenizer.end();
    return records;
}

;// CONCATENATED MODULE: ./src/results/downsample.ts
/** Per-bucket accumulators, one slot per bucket (struct of arrays: no object per sample). */
var Slot;
(function (Slot) {
    Slot[Slot["Start"] = 0] = "Start";
    Slot[Slot["LastTimestamp"] = 1] = "LastTimestamp";
    Slot[Slot["UsersMax"] = 2] = "UsersMax";
    Slot[Slot["RpsSum"] = 3] = "RpsSum";
    Slot[Slot["FailRpsSum"] = 4] = "FailRpsSum";
    Slot[Slot["Samples"] = 5] = "Samples";
    Slot[Slot["P50Sum"] = 6] = "P50Sum";
    Slot[Slot["P50Samples"] = 7] = "P50Samples";
    Slot[Slot["P95Max"] = 8] = "P95Max";
    Slot[Slot["TotalRequests"] = 9] = "TotalRequests";
    Slot[Slot["TotalFailures"] = 10] = "TotalFailures";
    Slot[Slot["Count"] = 11] = "Count";
})(Slot || (Slot = {}));
const DEFAULT_MAX_HISTORY_POINTS = 120;
class HistoryDownsampler {
    maxPoints;
    /** Bucket b's slot s lives at buckets[b * Slot.Count + s]. */
    buckets;
    bucketCount = 0;
    origin = 0;
    widthSeconds = 1;
    constructor(maxPoints = DEFAULT_MAX_HISTORY_POINTS) {
        this.maxPoints = maxPoints;
        if (!Number.isInteger(maxPoints) || maxPoints < 1) {
            throw new RangeError(`maxPoints must be a whole number of at least 1, got ${maxPoints}`);
        }
        this.buckets = new Float64Array((maxPoints + 1) * Slot.Count);
    }
    /** Adds one sample; p50/p95 are NaN when Locust wrote N/A. Timestamps must be finite. */
    add(timestamp, users, rps, failRps, p50, p95, totalRequests, totalFailures) {
        const b = this.bucketFor(timestamp);
        const s = b * Slot.Count;
        const buckets = this.buckets;
        buckets[s + Slot.LastTimestamp] = timestamp;
        buckets[s + Slot.UsersMax] = Math.max(buckets[s + Slot.UsersMax], users);
        buckets[s + Slot.RpsSum] += rps;
        buckets[s + Slot.FailRpsSum] += failRps;
        buckets[s + Slot.Samples]++;
        if (!Number.isNaN(p50)) {
            buckets[s + Slot.P50Sum] += p50;
            buckets[s + Slot.P50Samples]++;
        }
        if (!Number.isNaN(p95))
            buckets[s + Slot.P95Max] = maxIgnoringNaN(buckets[s + Slot.P95Max], p95);
        buckets[s + Slot.TotalRequests] = totalRequests;
        buckets[s + Slot.TotalFailures] = totalFailures;
        if (this.bucketCount > this.maxPoints)
            this.coarsen();
    }
    points() {
        const points = [];
        for (let b = 0; b < this.bucketCount; b++) {
            const s = b * Slot.Count;
            const at = (slot) => this.buckets[s + slot];
            const samples = at(Slot.Samples);
            points.push({
                timestamp: at(Slot.LastTimestamp),
                users: at(Slot.UsersMax),
                rps: at(Slot.RpsSum) / samples,
                failRps: at(Slot.FailRpsSum) / samples,
                p50Ms: at(Slot.P50Samples) > 0 ? at(Slot.P50Sum) / at(Slot.P50Samples) : null,
                p95Ms: Number.isNaN(at(Slot.P95Max)) ? null : at(Slot.P95Max),
                totalRequests: at(Slot.TotalRequests),
                totalFailures: at(Slot.TotalFailures)
            });
        }
        return points;
    }
    /** The bucket a sample goes to, opened if needed. Late (out-of-order) samples join the last one. */
    bucketFor(timestamp) {
        if (this.bucketCount === 0) {
            this.origin = timestamp;
            return this.open(timestamp);
        }
        const last = this.bucketCount - 1;
        const key = this.keyOf(timestamp);
        if (key <= this.keyOf(this.buckets[last * Slot.Count + Slot.Start]))
            return last;
        return this.open(this.origin + key * this.widthSeconds);
    }
    keyOf(timestamp) {
        return Math.floor((timestamp - this.origin) / this.widthSeconds);
    }
    open(start) {
        const b = this.bucketCount++;
        const s = b * Slot.Count;
        this.buckets.fill(0, s, s + Slot.Count);
        this.buckets[s + Slot.Start] = start;
        this.buckets[s + Slot.UsersMax] = -Infinity;
        this.buckets[s + Slot.P95Max] = NaN;
        return b;
    }
    /** Doubles the bucket width until the buckets fit, merging neighbours in place. */
    coarsen() {
        const buckets = this.buckets;
        while (this.bucketCount > this.maxPoints) {
            this.widthSeconds *= 2;
            let kept = 0;
            for (let b = 0; b < this.bucketCount; b++) {
                const from = b * Slot.Count;
                const key = this.keyOf(buckets[from + Slot.Start]);
                const into = (kept - 1) * Slot.Count;
                if (kept > 0 && key === this.keyOf(buckets[into + Slot.Start])) {
                    mergeInto(buckets, into, from);
                }
                else {
                    buckets.copyWithin(kept * Slot.Count, from, from + Slot.Count);
                    buckets[kept * Slot.Count + Slot.Start] = this.origin + key * this.widthSeconds;
                    kept++;
                }
            }
            this.bucketCount = kept;
        }
    }
}
/** Merges bucket `from` (the later one) into bucket `into`. */
function mergeInto(buckets, into, from) {
    buckets[into + Slot.LastTimestamp] = buckets[from + Slot.LastTimestamp];
    buckets[into + Slot.UsersMax] = Math.max(buckets[into + Slot.UsersMax], buckets[from + Slot.UsersMax]);
    buckets[into + Slot.RpsSum] += buckets[from + Slot.RpsSum];
    buckets[into + Slot.FailRpsSum] += buckets[from + Slot.FailRpsSum];
    buckets[into + Slot.Samples] += buckets[from + Slot.Samples];
    buckets[into + Slot.P50Sum] += buckets[from + Slot.P50Sum];
    buckets[into + Slot.P50Samples] += buckets[from + Slot.P50Samples];
    buckets[into + Slot.P95Max] = maxIgnoringNaN(buckets[into + Slot.P95Max], buckets[from + Slot.P95Max]);
    buckets[into + Slot.TotalRequests] = buckets[from + Slot.TotalRequests];
    buckets[into + Slot.TotalFailures] = buckets[from + Slot.TotalFailures];
}
function maxIgnoringNaN(a, b) {
    if (Number.isNaN(a))
        return b;
    if (Number.isNaN(b))
        return a;
    return Math.max(a, b);
}

;// CONCATENATED MODULE: ./src/results/errors.ts
/** A results folder or file that cannot be read as Locust output; the message says what to do. */
class ResultsError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ResultsError';
    }
}

;// CONCATENATED MODULE: ./src/results/numbers.ts
/**
 * Numbers as Python (and so Locust) writes them: "42", "0.000000", "3.3318716824371104", "1e-05",
 * "N/A" for no data. Parsed straight from bytes in the hot path, without making strings.
 */
const ZERO = 0x30;
const NINE = 0x39;
const DOT = 0x2e;
const MINUS = 0x2d;
/** Exact powers of ten: a mantissa below 2^53 divided by one of these rounds like Number() does. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** A cell that means "no value": Locust's "N/A", Python's "nan", or nothing at all. */
function isNullText(text) {
    return text === '' || text === 'N/A' || text === 'nan';
}
/** Parses a number cell: null for "N/A" (and blanks), NaN when the text is not a number. */
function parseNumberText(text) {
    if (isNullText(text))
        return null;
    if (text === 'inf')
        return Infinity;
    if (text === '-inf')
        return -Infinity;
    return /^\s|\s$/.test(text) ? NaN : Number(text);
}
/** True when bytes[start, end) is a null cell (see isNullText). */
function isNullBytes(bytes, start, end) {
    const length = end - start;
    if (length === 0)
        return true;
    if (length === 3) {
        const a = bytes[start];
        return ((a === 0x4e && bytes[start + 1] === 0x2f && bytes[start + 2] === 0x41) || // N/A
            (a === 0x6e && bytes[start + 1] === 0x61 && bytes[start + 2] === 0x6e)); // nan
    }
    return false;
}
/**
 * Parses bytes[start, end) as a number; NaN when it is not one (callers check isNullBytes first).
 * Plain decimals of up to 15–16 digits take an exact fast path; anything else (exponents, long
 * fractions, "inf") goes through Number(), so results always equal Number(text).
 */
function parseNumberBytes(bytes, start, end) {
    let k = start;
    const negative = bytes[k] === MINUS;
    if (negative)
        k++;
    let mantissa = 0;
    let fractionDigits = 0;
    let digits = 0;
    let seenDot = false;
    for (; k < end; k++) {
        const c = bytes[k];
        if (c >= ZERO && c <= NINE) {
            mantissa = mantissa * 10 + (c - ZERO);
            digits++;
            if (seenDot)
                fractionDigits++;
        }
        else if (c === DOT && !seenDot) {
            seenDot = true;
        }
        else {
            break;
        }
    }
    if (k === end && digits > 0 && mantissa <= Number.MAX_SAFE_INTEGER && fractionDigits < 23) {
        const value = mantissa / EXACT_POWERS_OF_TEN[fractionDigits];
        return negative ? -value : value;
    }
    return parseNumberText(latin1(bytes, start, end)) ?? NaN;
}
function latin1(bytes, start, end) {
    let text = '';
    for (let k = start; k < end; k++)
        text += String.fromCharCode(bytes[k]);
    return text;
}

;// CONCATENATED MODULE: ./src/results/columns.ts
/**
 * Finds Locust's columns by header name, never by position, so that extra or reordered columns
 * (newer Locust versions, custom percentiles) do not matter. Pure.
 */


const PERCENTILE_HEADER = /^(\d+(?:\.\d+)?)%$/;
function percentileColumns(header) {
    const found = [];
    header.forEach((name, index) => {
        const match = PERCENTILE_HEADER.exec(name.trim());
        if (match)
            found.push({ index, label: name.trim(), quantile: Number(match[1]) });
    });
    return found;
}
/** Column indexes of one file's header; -1 for an optional column the file does not have. */
class Columns {
    file;
    header;
    index;
    constructor(file, header, index) {
        this.file = file;
        this.header = header;
        this.index = index;
    }
    static fromHeader(header, spec, file) {
        const normalized = header.map((name) => name.trim().toLowerCase());
        const index = {};
        const missing = [];
        for (const key of Object.keys(spec)) {
            const wanted = spec[key];
            index[key] = normalized.findIndex((name) => wanted.names.some((w) => w.toLowerCase() === name));
            if (index[key] === -1 && wanted.required)
                missing.push(`"${wanted.names[0]}"`);
        }
        if (missing.length > 0) {
            const shown = header.length > 12 ? [...header.slice(0, 12), '…'] : header;
            throw new ResultsError(`${file} is not Locust output: it has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} ` +
                `(its header is: ${shown.join(', ') || 'empty'}). ` +
                `Point the results folder at the CSV files Locust writes with --csv.`);
        }
        return new Columns(file, header, index);
    }
    has(key) {
        return this.index[key] !== -1;
    }
    /** The cell's text; "" when the column is absent. */
    text(fields, key, line) {
        return this.textAt(fields, this.index[key], line);
    }
    /** The cell as a number, null for "N/A" or an absent optional column. */
    number(fields, key, line) {
        return this.numberAt(fields, this.index[key], line);
    }
    /** Like number(), but "N/A" or an absent column count as zero (counters and rates). */
    count(fields, key, line) {
        return this.number(fields, key, line) ?? 0;
    }
    /** The text of the cell in column `index` (-1: absent, ""); throws when the row is too short. */
    textAt(fields, index, line) {
        if (index === -1)
            return '';
        if (index >= fields.length) {
            throw new ResultsError(`${this.file} line ${line} has ${fields.length} cells, too few to reach its column ` +
                `"${this.headerName(index)}": the file looks truncated (was Locust stopped while writing it?).`);
        }
        return fields[index];
    }
    /** The cell in column `index` as a number, null for "N/A"; throws on anything else. */
    numberAt(fields, index, line) {
        const text = this.textAt(fields, index, line);
        const value = index === -1 ? null : parseNumberText(text);
        if (value !== null && Number.isNaN(value)) {
            throw new ResultsError(`${this.file} line ${line}, column "${this.headerName(index)}": expected a number or N/A, got "${text}".`);
        }
        return value;
    }
    headerName(index) {
        return this.header[index].trim();
    }
}
/** A RecordParser that finds its columns in the header, then hands over each data row. */
class TableParser {
    file;
    spec;
    columns = null;
    constructor(file, spec) {
        this.file = file;
        this.spec = spec;
    }
    record(fields, line) {
        if (this.columns === null) {
            this.columns = Columns.fromHeader(fields, this.spec, this.file);
            this.header(fields);
        }
        else {
            this.row(fields, line, this.columns);
        }
    }
    /** Called once with the header, after the columns were found. */
    header(_fields) { }
}

;// CONCATENATED MODULE: ./src/results/failures.ts

const FAILURE_COLUMNS = {
    method: { names: ['Method', 'Type'], required: false },
    name: { names: ['Name'], required: true },
    error: { names: ['Error'], required: true },
    occurrences: { names: ['Occurrences'], required: true },
    firstSeen: { names: ['First Seen'], required: false },
    lastSeen: { names: ['Last Seen'], required: false }
};
class FailuresParser extends TableParser {
    failures = [];
    constructor(file) {
        super(file, FAILURE_COLUMNS);
    }
    row(fields, line, columns) {
        const failure = {
            method: columns.text(fields, 'method', line),
            name: columns.text(fields, 'name', line),
            error: columns.text(fields, 'error', line),
            occurrences: columns.count(fields, 'occurrences', line)
        };
        if (columns.has('firstSeen'))
            failure.firstSeen = columns.text(fields, 'firstSeen', line);
        if (columns.has('lastSeen'))
            failure.lastSeen = columns.text(fields, 'lastSeen', line);
        this.failures.push(failure);
    }
    /** The failures in file order; none for an empty file. */
    finish() {
        return this.failures;
    }
}
const EXCEPTION_COLUMNS = {
    count: { names: ['Count'], required: true },
    message: { names: ['Message'], required: true },
    traceback: { names: ['Traceback'], required: true },
    nodes: { names: ['Nodes'], required: false }
};
class ExceptionsParser extends TableParser {
    exceptions = [];
    constructor(file) {
        super(file, EXCEPTION_COLUMNS);
    }
    row(fields, line, columns) {
        this.exceptions.push({
            count: columns.count(fields, 'count', line),
            message: columns.text(fields, 'message', line),
            traceback: columns.text(fields, 'traceback', line),
            nodes: columns.text(fields, 'nodes', line)
        });
    }
    /** The exceptions in file order; none for an empty file. */
    finish() {
        return this.exceptions;
    }
}

;// CONCATENATED MODULE: ./src/results/history.ts





const HISTORY_COLUMNS = {
    type: { names: ['Type', 'Method'], required: false },
    name: { names: ['Name'], required: true },
    timestamp: { names: ['Timestamp'], required: true },
    users: { names: ['User Count'], required: true },
    rps: { names: ['Requests/s'], required: true },
    failRps: { names: ['Failures/s'], required: true },
    totalRequests: { names: ['Total Request Count'], required: true },
    totalFailures: { names: ['Total Failure Count'], required: true }
};
/** What a column means to this parser; numeric roles index the per-row value arrays. */
var Role;
(function (Role) {
    Role[Role["Timestamp"] = 0] = "Timestamp";
    Role[Role["Users"] = 1] = "Users";
    Role[Role["Rps"] = 2] = "Rps";
    Role[Role["FailRps"] = 3] = "FailRps";
    Role[Role["P50"] = 4] = "P50";
    Role[Role["P95"] = 5] = "P95";
    Role[Role["TotalRequests"] = 6] = "TotalRequests";
    Role[Role["TotalFailures"] = 7] = "TotalFailures";
    Role[Role["NumericCount"] = 8] = "NumericCount";
    Role[Role["Type"] = 8] = "Type";
    Role[Role["Name"] = 9] = "Name";
    Role[Role["Ignored"] = 10] = "Ignored";
})(Role || (Role = {}));
/** The numeric cells a sample needs; P50 and P95 may be absent (custom percentile lists). */
const REQUIRED_NUMERIC = [
    Role.Timestamp,
    Role.Users,
    Role.Rps,
    Role.FailRps,
    Role.TotalRequests,
    Role.TotalFailures
];
const NUMERIC = [...REQUIRED_NUMERIC, Role.P50, Role.P95];
var Cell;
(function (Cell) {
    Cell[Cell["Missing"] = 0] = "Missing";
    Cell[Cell["Number"] = 1] = "Number";
    Cell[Cell["Null"] = 2] = "Null";
    Cell[Cell["Invalid"] = 3] = "Invalid";
})(Cell || (Cell = {}));
/** "Aggregated" in ASCII. */
const AGGREGATED = [0x41, 0x67, 0x67, 0x72, 0x65, 0x67, 0x61, 0x74, 0x65, 0x64];
class HistoryParser {
    file;
    header = [];
    roles = new Uint8Array(0);
    columnNames = [];
    hasTypeColumn = false;
    downsampler;
    rowsRead = 0;
    // The row being read.
    values = new Float64Array(Role.NumericCount);
    cells = new Uint8Array(Role.NumericCount);
    invalidText = new Array(Role.NumericCount).fill('');
    typeEmpty = true;
    nameSeen = false;
    aggregated = false;
    constructor(file, maxPoints = DEFAULT_MAX_HISTORY_POINTS) {
        this.file = file;
        this.downsampler = new HistoryDownsampler(maxPoints);
    }
    field(bytes, start, end, column) {
        if (this.header !== null) {
            this.header.push(decodeField(bytes, start, end));
            return;
        }
        const role = column < this.roles.length ? this.roles[column] : Role.Ignored;
        if (role < Role.NumericCount) {
            // Endpoint rows are skipped as soon as their name is known.
            if (this.nameSeen && !this.aggregated)
                return;
            if (isNullBytes(bytes, start, end)) {
                this.cells[role] = Cell.Null;
            }
            else {
                const value = parseNumberBytes(bytes, start, end);
                this.values[role] = value;
                if (Number.isNaN(value)) {
                    this.cells[role] = Cell.Invalid;
                    this.invalidText[role] = decodeField(bytes, start, end);
                }
                else {
                    this.cells[role] = Cell.Number;
                }
            }
        }
        else if (role === Role.Name) {
            this.nameSeen = true;
            this.aggregated = equalsAscii(bytes, start, end, AGGREGATED);
        }
        else if (role === Role.Type) {
            this.typeEmpty = start === end;
        }
    }
    endRecord(line) {
        if (this.header !== null) {
            this.readHeader(this.header);
            this.header = null;
            return;
        }
        if (this.aggregated && (this.typeEmpty || !this.hasTypeColumn))
            this.addSample(line);
        this.cells.fill(Cell.Missing);
        this.typeEmpty = true;
        this.nameSeen = false;
        this.aggregated = false;
    }
    finish() {
        return { points: this.downsampler.points(), rowsRead: this.rowsRead };
    }
    readHeader(header) {
        const columns = Columns.fromHeader(header, HISTORY_COLUMNS, this.file);
        const roles = new Uint8Array(header.length).fill(Role.Ignored);
        const assign = (index, role) => {
            if (index !== -1)
                roles[index] = role;
        };
        assign(columns.index.type, Role.Type);
        assign(columns.index.name, Role.Name);
        assign(columns.index.timestamp, Role.Timestamp);
        assign(columns.index.users, Role.Users);
        assign(columns.index.rps, Role.Rps);
        assign(columns.index.failRps, Role.FailRps);
        assign(columns.index.totalRequests, Role.TotalRequests);
        assign(columns.index.totalFailures, Role.TotalFailures);
        const percentiles = percentileColumns(header);
        assign(percentiles.find((p) => p.quantile === 50)?.index ?? -1, Role.P50);
        assign(percentiles.find((p) => p.quantile === 95)?.index ?? -1, Role.P95);
        this.roles = roles;
        this.columnNames = header.map((name) => name.trim());
        this.hasTypeColumn = columns.has('type');
    }
    addSample(line) {
        const { cells, values } = this;
        // A row cut short (Locust stopped mid-write) is skipped: the series is still useful without it.
        if (REQUIRED_NUMERIC.some((role) => cells[role] === Cell.Missing))
            return;
        for (const role of NUMERIC) {
            const nullAllowed = role === Role.P50 || role === Role.P95;
            if (cells[role] === Cell.Invalid || (cells[role] === Cell.Null && !nullAllowed)) {
                const column = this.columnNames[this.roles.indexOf(role)];
                const text = cells[role] === Cell.Null ? 'N/A' : this.invalidText[role];
                throw new ResultsError(`${this.file} line ${line}, column "${column}": expected a number, got "${text}". ` +
                    `Check that the file is Locust's --csv-full-history output and was not edited.`);
            }
        }
        const timestamp = values[Role.Timestamp];
        if (!Number.isFinite(timestamp)) {
            throw new ResultsError(`${this.file} line ${line}: the timestamp is not a finite number.`);
        }
        const valueOrNaN = (role) => (cells[role] === Cell.Number ? values[role] : NaN);
        this.downsampler.add(timestamp, values[Role.Users], values[Role.Rps], values[Role.FailRps], valueOrNaN(Role.P50), valueOrNaN(Role.P95), values[Role.TotalRequests], values[Role.TotalFailures]);
        this.rowsRead++;
    }
}
function equalsAscii(bytes, start, end, expected) {
    if (end - start !== expected.length)
        return false;
    for (let k = 0; k < expected.length; k++)
        if (bytes[start + k] !== expected[k])
            return false;
    return true;
}

;// CONCATENATED MODULE: ./src/results/stats.ts


const STATS_COLUMNS = {
    method: { names: ['Type', 'Method'], required: false },
    name: { names: ['Name'], required: true },
    requests: { names: ['Request Count'], required: true },
    failures: { names: ['Failure Count'], required: true },
    median: { names: ['Median Response Time'], required: false },
    avg: { names: ['Average Response Time'], required: false },
    min: { names: ['Min Response Time'], required: false },
    max: { names: ['Max Response Time'], required: false },
    avgContentSize: { names: ['Average Content Size'], required: false },
    rps: { names: ['Requests/s'], required: true },
    failRps: { names: ['Failures/s'], required: true }
};
/** True for Locust's total row: no method, name "Aggregated". */
function isAggregateRow(method, name) {
    return method === '' && name === 'Aggregated';
}
class StatsParser extends TableParser {
    percentiles = [];
    endpoints = [];
    aggregate = null;
    constructor(file) {
        super(file, STATS_COLUMNS);
    }
    header(fields) {
        this.percentiles = percentileColumns(fields);
    }
    row(fields, line, columns) {
        const stats = {
            method: columns.text(fields, 'method', line),
            name: columns.text(fields, 'name', line),
            requests: columns.count(fields, 'requests', line),
            failures: columns.count(fields, 'failures', line),
            medianMs: columns.number(fields, 'median', line),
            avgMs: columns.number(fields, 'avg', line),
            minMs: columns.number(fields, 'min', line),
            maxMs: columns.number(fields, 'max', line),
            avgContentSize: columns.number(fields, 'avgContentSize', line),
            rps: columns.count(fields, 'rps', line),
            failRps: columns.count(fields, 'failRps', line),
            percentiles: this.percentiles.map(({ index, label, quantile }) => ({
                label,
                quantile,
                ms: columns.numberAt(fields, index, line)
            }))
        };
        if (isAggregateRow(stats.method, stats.name))
            this.aggregate = stats;
        else
            this.endpoints.push(stats);
    }
    finish() {
        if (this.columns === null) {
            throw new ResultsError(`${this.file} is empty, but Locust always writes a header there: the run probably ended ` +
                `before Locust wrote its results. Check the Locust log.`);
        }
        if (this.aggregate === null) {
            throw new ResultsError(`${this.file} has no "Aggregated" row, which Locust always writes last: the file looks ` +
                `truncated (was Locust stopped while writing it?). Check the Locust log.`);
        }
        return { endpoints: this.endpoints, aggregate: this.aggregate };
    }
}

;// CONCATENATED MODULE: ./src/results/read.ts
/** Reads a folder of Locust CSV output into the typed model, streaming every file. */









const STATS_SUFFIX = '_stats.csv';
/** Big enough chunks for throughput, small enough to keep memory flat. */
const CHUNK_BYTES = 256 * 1024;
/** The prefix of the single `<prefix>_stats.csv` in `dir`. */
async function findCsvPrefix(dir) {
    const names = (await listFolder(dir)).filter((name) => name.endsWith(STATS_SUFFIX)).sort();
    if (names.length === 0) {
        throw new ResultsError(`No *${STATS_SUFFIX} file in ${dir}: Locust writes <prefix>${STATS_SUFFIX} when run with ` +
            `--csv <prefix>. Check that Locust ran and wrote its CSV files into this folder.`);
    }
    if (names.length > 1) {
        throw new ResultsError(`Several *${STATS_SUFFIX} files in ${dir} (${names.join(', ')}): say which run to read ` +
            `by giving its CSV prefix, or keep one run per folder.`);
    }
    return names[0].slice(0, -STATS_SUFFIX.length);
}
async function readLocustResults(dir, options = {}) {
    const prefix = options.prefix ?? (await findCsvPrefix(dir));
    const statsFile = `${prefix}${STATS_SUFFIX}`;
    const historyFile = `${prefix}_stats_history.csv`;
    const failuresFile = `${prefix}_failures.csv`;
    const exceptionsFile = `${prefix}_exceptions.csv`;
    const present = new Set(await listFolder(dir));
    if (!present.has(statsFile)) {
        throw new ResultsError(`${(0,external_node_path_.join)(dir, statsFile)} does not exist: Locust writes it when run with --csv ${prefix}. ` +
            `Check the CSV prefix and that Locust ran long enough to write its results.`);
    }
    const missingFiles = [historyFile, failuresFile, exceptionsFile].filter((f) => !present.has(f));
    const readIfPresent = async (file, parser, absent) => present.has(file) ? readRecords((0,external_node_path_.join)(dir, file), file, parser) : absent;
    const stats = await readRecords((0,external_node_path_.join)(dir, statsFile), statsFile, new StatsParser(statsFile));
    const history = present.has(historyFile)
        ? await readHistory((0,external_node_path_.join)(dir, historyFile), historyFile, options.maxHistoryPoints)
        : { points: [], rowsRead: 0 };
    return {
        endpoints: stats.endpoints,
        aggregate: stats.aggregate,
        history: history.points,
        historyRowsRead: history.rowsRead,
        failures: await readIfPresent(failuresFile, new FailuresParser(failuresFile), []),
        exceptions: await readIfPresent(exceptionsFile, new ExceptionsParser(exceptionsFile), []),
        missingFiles
    };
}
/** Streams `<prefix>_stats_history.csv` into the downsampled aggregate series. */
async function readHistory(path, file, maxPoints = DEFAULT_MAX_HISTORY_POINTS) {
    const parser = new HistoryParser(file, maxPoints);
    await streamCsv(path, file, parser);
    return parser.finish();
}
async function readRecords(path, file, parser) {
    await streamCsv(path, file, new RecordSink((fields, line) => parser.record(fields, line)));
    return parser.finish();
}
/** Feeds a file to the tokenizer through one reused buffer: no allocation per chunk. */
async function streamCsv(path, file, sink) {
    const tokenizer = new CsvTokenizer(sink);
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let handle;
    try {
        handle = await (0,promises_.open)(path, 'r');
        for (;;) {
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
            if (bytesRead === 0)
                break;
            // The sink only uses the bytes during the call (see CsvSink), so the buffer can be reused.
            tokenizer.write(buffer.subarray(0, bytesRead));
        }
        tokenizer.end();
    }
    catch (error) {
        if (error instanceof CsvError) {
            throw new ResultsError(`${file} is not valid CSV: ${error.message}.`);
        }
        if (isFileSystemError(error)) {
            throw new ResultsError(`Cannot read ${path}: ${error.message}. Check the file's permissions.`);
        }
        throw error;
    }
    finally {
        await handle?.close();
    }
}
async function listFolder(dir) {
    try {
        if (!(await (0,promises_.stat)(dir)).isDirectory()) {
            throw new ResultsError(`${dir} is not a folder: give the folder that holds Locust's CSV files.`);
        }
        return await (0,promises_.readdir)(dir);
    }
    catch (error) {
        if (isFileSystemError(error) && error.code === 'ENOENT') {
            throw new ResultsError(`The results folder ${dir} does not exist: Locust wrote nothing there. Check the Locust log.`);
        }
        if (isFileSystemError(error)) {
            throw new ResultsError(`Cannot read the results folder ${dir}: ${error.message}.`);
        }
        throw error;
    }
}
/** Node's errors with a code; not `instanceof Error`, which fails across realms (e.g. jest). */
function isFileSystemError(error) {
    return (typeof error === 'object' &&
        error !== null &&
        typeof error.code === 'string');
}

// EXTERNAL MODULE: ./node_modules/fastest-levenshtein/mod.js
var mod = __nccwpck_require__(1916);
;// CONCATENATED MODULE: ./src/thresholds/evaluate.ts
/** Evaluates threshold rules against one run's Locust results. Pure: no I/O. */




/** How many endpoint names a "never ran" reason lists, closest to the selector first. */
const NAMES_SEEN_SHOWN = 5;
/** Two quantiles closer than this are the same column (99.9 written two ways). */
const QUANTILE_TOLERANCE = 1e-9;
function evaluateThresholds(rules, results) {
    const ruleResults = rules.map((rule) => evaluateRule(rule, results));
    return { passed: ruleResults.every((result) => result.verdict === 'pass'), results: ruleResults };
}
function evaluateRule(rule, results) {
    if (!results) {
        return failed(rule, 'no results to measure: Locust wrote no readable output');
    }
    if (rule.selector === undefined) {
        return judge(rule, [{ label: 'the whole test', stats: results.aggregate }]);
    }
    const targets = selectEndpoints(rule.selector, results.endpoints);
    if (targets.length === 0)
        return failed(rule, neverRanReason(rule.selector, results.endpoints));
    return judge(rule, targets);
}
function endpointLabel(stats) {
    return stats.method === '' ? stats.name : `${stats.method} ${stats.name}`;
}
/**
 * "GET /items" matches that method and name exactly. Only when nothing matches that way is the
 * selector taken as a bare name; if several methods share the name ("GET /items", "POST /items"),
 * the rule must hold for each of them, since a limit on "/items" promises it for every request.
 */
function selectEndpoints(selector, endpoints) {
    const byMethodAndName = endpoints.filter((stats) => endpointLabel(stats) === selector);
    const matches = byMethodAndName.length > 0
        ? byMethodAndName
        : endpoints.filter((stats) => stats.name === selector);
    return matches.map((stats) => ({ label: endpointLabel(stats), stats }));
}
function neverRanReason(selector, endpoints) {
    const seen = endpoints
        .map(endpointLabel)
        .map((label) => ({ label, distance: (0,mod/* distance */.Io)(selector, label) }))
        .sort((a, b) => a.distance - b.distance)
        .map(({ label }) => label);
    const hidden = seen.length - NAMES_SEEN_SHOWN;
    const names = seen.length === 0
        ? 'none'
        : seen.slice(0, NAMES_SEEN_SHOWN).join(', ') + (hidden > 0 ? `, and ${hidden} more` : '');
    return `no requests to "${selector}"; the endpoint never ran (names seen: ${names})`;
}
/** The rule holds when it holds for every target; the actual value shown is the worst one. */
function judge(rule, targets) {
    const measured = [];
    for (const target of targets) {
        const measurement = measure(rule.metric, target);
        if (measurement.value === null)
            return failed(rule, measurement.reason);
        measured.push({ target, value: measurement.value });
    }
    const worst = measured.reduce((a, b) => margin(rule.operator, b.value, rule.limit) < margin(rule.operator, a.value, rule.limit) ? b : a);
    const verdict = holds(rule.operator, margin(rule.operator, worst.value, rule.limit))
        ? 'pass'
        : 'fail';
    if (verdict === 'pass' || targets.length === 1)
        return { rule, actual: worst.value, verdict };
    const reason = `${worst.target.label} breaks it with ${format_formatValue(rule.metric, worst.value)}; a rule on ` +
        `"${rule.selector}" applies to each of ${targets.map((target) => target.label).join(', ')}`;
    return { rule, actual: worst.value, verdict, reason };
}
function failed(rule, reason) {
    return { rule, actual: null, verdict: 'fail', reason };
}
/**
 * How far the value is inside the passing side of the limit (negative: outside). The smallest
 * margin is the worst value, and each operator holds exactly when its margin is positive (strict
 * operators) or not negative.
 */
function margin(operator, value, limit) {
    switch (operator) {
        case '<':
        case '<=':
            return limit - value;
        case '>':
        case '>=':
            return value - limit;
        case '==':
            return -Math.abs(value - limit);
        case '!=':
            return Math.abs(value - limit);
    }
}
function holds(operator, marginToLimit) {
    const strict = operator === '<' || operator === '>' || operator === '!=';
    return strict ? marginToLimit > 0 : marginToLimit >= 0;
}
function measure(metric, { label, stats }) {
    if (stats.requests === 0)
        return { value: null, reason: `${label} recorded no requests` };
    const name = metrics_metricName(metric);
    const notAvailable = {
        value: null,
        reason: `${name} has no value for ${label} (Locust wrote N/A)`
    };
    const time = (ms) => (ms === null ? notAvailable : { value: ms });
    switch (metric.kind) {
        case 'min':
            return time(stats.minMs);
        case 'max':
            return time(stats.maxMs);
        case 'avg':
            return time(stats.avgMs);
        case 'median':
            return time(stats.medianMs);
        case 'percentile': {
            const column = stats.percentiles.find((percentile) => Math.abs(percentile.quantile - metric.quantile) < QUANTILE_TOLERANCE);
            if (column)
                return time(column.ms);
            const written = stats.percentiles.map((percentile) => percentile.label).join(', ') || 'none';
            return {
                value: null,
                reason: `Locust wrote no ${metric.quantile}% column (columns written: ${written}); use one of ` +
                    `those, or add ${metric.quantile / 100} to locust.stats.PERCENTILES_TO_REPORT in the locustfile`
            };
        }
        case 'rps':
            return { value: stats.rps };
        case 'fail_rps':
            return { value: stats.failRps };
        case 'requests':
            return { value: stats.requests };
        case 'failures':
            return { value: stats.failures };
        case 'fail_ratio':
            return { value: stats.failures / stats.requests };
    }
}

;// CONCATENATED MODULE: ./src/engine.ts






/**
 * Turns what a backend left behind into the verdict: reads Locust's CSVs, evaluates the
 * thresholds, and writes summary.md and results.json beside the CSVs. Whatever Locust wrote is
 * reported, also when the run failed or was cut short.
 */
async function concludeRun(config, outcome) {
    let results;
    let readError;
    try {
        results = await readLocustResults(outcome.resultsDir, { prefix: outcome.csvPrefix });
    }
    catch (error) {
        readError = `No readable Locust results in ${outcome.resultsDir}: ${error.message}`;
    }
    const evaluation = evaluateThresholds(config.thresholds, results);
    const error = outcome.error ?? readError;
    const verdict = error !== undefined ? 'error' : evaluation.passed ? 'passed' : 'failed';
    const report = {
        verdict,
        facts: { ...plannedFacts(config), ...outcome.facts },
        results,
        evaluation,
        error,
        partial: outcome.partial
    };
    await (0,promises_.mkdir)(outcome.resultsDir, { recursive: true });
    const markdown = renderMarkdown(report);
    const summaryPath = (0,external_node_path_.join)(outcome.resultsDir, 'summary.md');
    const resultsJsonPath = (0,external_node_path_.join)(outcome.resultsDir, 'results.json');
    await (0,promises_.writeFile)(summaryPath, markdown);
    await (0,promises_.writeFile)(resultsJsonPath, `${JSON.stringify(toResultsJson(report), null, 2)}\n`);
    const outputs = {
        ...reportOutputs(report),
        verdict: report.verdict,
        'results-dir': outcome.resultsDir,
        'summary-path': summaryPath,
        'results-json': resultsJsonPath
    };
    return { report, markdown, summaryPath, resultsJsonPath, outputs };
}
function plannedFacts(config) {
    return {
        backend: config.backend,
        host: config.host,
        users: config.users,
        spawnRate: config.spawnRate,
        workers: config.workers,
        runTimeSeconds: config.runTimeSeconds
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: ./src/inputs/files.ts

/** The real file system, for the action and the CLI to hand to parseInputs. */
const nodeFiles = {
    kind(path) {
        try {
            return (0,external_node_fs_.statSync)(path).isDirectory() ? 'directory' : 'file';
        }
        catch {
            return 'missing';
        }
    },
    read: (path) => (0,external_node_fs_.readFileSync)(path, 'utf8')
};

;// CONCATENATED MODULE: ./src/inputs/model.ts
class InputError extends Error {
    problems;
    constructor(problems) {
        super(problems.map((p) => p.message).join('\n'));
        this.problems = problems;
        this.name = 'InputError';
    }
}

// EXTERNAL MODULE: ./node_modules/shell-quote/index.js
var shell_quote = __nccwpck_require__(6591);
;// CONCATENATED MODULE: ./src/thresholds/parse.ts
/**
 * Parses the threshold language, one rule per line:
 *
 *     [selector:] metric operator limit[unit]   # comment
 *
 * A selector is quoted ("GET /api/items", with \" and \\ escapes) or unquoted; an unquoted
 * selector runs up to the last ":" of the rule, since the comparison itself never contains one.
 * A "#" starts a comment at the start of a line or after a space, so names like "/page#top" need
 * no quotes. Pure: no I/O.
 */


/** Every problem found in the thresholds; line, column and suggestion are the first problem's. */
class ThresholdSyntaxError extends Error {
    problems;
    line;
    column;
    suggestion;
    constructor(problems) {
        super(problems.map((problem) => problem.message).join('\n'));
        this.problems = problems;
        this.name = 'ThresholdSyntaxError';
        this.line = problems[0].line;
        this.column = problems[0].column;
        this.suggestion = problems[0].suggestion;
    }
}
/** A problem on the line being parsed; `index` is 0-based in that line. */
class LineProblem {
    index;
    reason;
    suggestion;
    constructor(index, reason, suggestion) {
        this.index = index;
        this.reason = reason;
        this.suggestion = suggestion;
    }
}
const OPERATORS = ['<', '<=', '>', '>=', '==', '!='];
const OPERATOR_LIST = OPERATORS.join(' ');
/** Operators from other languages and their meaning here. */
const OPERATOR_LOOKALIKES = new Map([
    ['=', '=='],
    ['===', '=='],
    ['=<', '<='],
    ['=>', '>='],
    ['<>', '!='],
    ['!==', '!=']
]);
/** Metric names from other tools and the metric they mean here. */
const METRIC_LOOKALIKES = new Map([
    ['mean', 'avg'],
    ['average', 'avg'],
    ['errors', 'failures'],
    ['error_rate', 'fail_ratio'],
    ['error_ratio', 'fail_ratio'],
    ['failure_rate', 'fail_ratio'],
    ['fail_rate', 'fail_ratio'],
    ['reqs', 'requests'],
    ['count', 'requests'],
    ['throughput', 'rps']
]);
/** A metric further away than this from every known name gets no "did you mean". */
const MAX_SUGGESTION_DISTANCE = 2;
const VALID_METRICS_HINT = 'valid metrics: min, max, avg, median, p50 … p100 (any percentile Locust writes, e.g. p95, ' +
    'p99.9), rps, fail_rps, requests, failures, fail_ratio';
function parseThresholds(text) {
    const rules = [];
    const problems = [];
    text.split(/\r?\n/).forEach((lineText, lineIndex) => {
        const line = lineIndex + 1;
        try {
            const rule = parseLine(lineText, line);
            if (rule)
                rules.push(rule);
        }
        catch (error) {
            if (!(error instanceof LineProblem))
                throw error;
            const column = error.index + 1;
            problems.push({
                line,
                column,
                reason: error.reason,
                suggestion: error.suggestion,
                message: `thresholds line ${line}, column ${column}: ${error.reason}`
            });
        }
    });
    if (problems.length > 0)
        throw new ThresholdSyntaxError(problems);
    return rules;
}
/** Parses one line; undefined for a blank or comment-only line. Throws LineProblem. */
function parseLine(lineText, line) {
    const start = lineText.search(/\S/);
    if (start < 0 || lineText[start] === '#')
        return undefined;
    const quoted = lineText[start] === '"' ? readQuotedSelector(lineText, start) : undefined;
    const end = commentStart(lineText, quoted?.end ?? start);
    const ruleText = lineText.slice(start, end).trimEnd();
    let selector;
    let comparisonStart;
    if (quoted) {
        selector = quoted.value;
        const colon = skipSpaces(lineText, quoted.end, end);
        if (lineText[colon] !== ':') {
            throw new LineProblem(colon, `expected ":" after the quoted selector, e.g. ${quoted.source}: p95 < 500ms`);
        }
        if (selector === '') {
            throw new LineProblem(start, 'empty selector ""; to test the aggregate, write the rule without a selector');
        }
        comparisonStart = colon + 1;
    }
    else {
        const colon = lineText.lastIndexOf(':', end - 1);
        if (colon >= start) {
            selector = lineText.slice(start, colon).trim();
            if (selector === '') {
                throw new LineProblem(colon, 'missing endpoint name before ":"; to test the aggregate, remove the ":"');
            }
        }
        comparisonStart = colon >= start ? colon + 1 : start;
    }
    const comparison = parseComparison(lineText, comparisonStart, end, selector !== undefined);
    return { text: ruleText, line, ...(selector === undefined ? {} : { selector }), ...comparison };
}
function readQuotedSelector(lineText, openQuote) {
    let value = '';
    for (let index = openQuote + 1; index < lineText.length; index++) {
        const char = lineText[index];
        if (char === '"') {
            return { value, source: lineText.slice(openQuote, index + 1), end: index + 1 };
        }
        // Only \" and \\ are escapes; any other backslash is kept, so Windows-like names stay intact.
        if (char === '\\' && (lineText[index + 1] === '"' || lineText[index + 1] === '\\')) {
            index++;
            value += lineText[index];
        }
        else {
            value += char;
        }
    }
    throw new LineProblem(openQuote, 'unterminated quoted selector; close it with " before the ":"');
}
/** Index where a comment starts ("#" at the line start or after a space), or the line length. */
function commentStart(lineText, from) {
    for (let index = from; index < lineText.length; index++) {
        if (lineText[index] === '#' && (index === 0 || /\s/.test(lineText[index - 1])))
            return index;
    }
    return lineText.length;
}
function skipSpaces(lineText, from, end) {
    let index = from;
    while (index < end && /\s/.test(lineText[index]))
        index++;
    return index;
}
/** The next run of non-space characters, for quoting in messages. */
function wordAt(lineText, index, end) {
    return /^\S+/.exec(lineText.slice(index, end))?.[0] ?? '';
}
function parseComparison(lineText, from, end, hasSelector) {
    const metricStart = skipSpaces(lineText, from, end);
    const metricText = /^[^\s<>=!]*/.exec(lineText.slice(metricStart, end))[0];
    if (metricText === '') {
        const found = wordAt(lineText, metricStart, end);
        throw new LineProblem(metricStart, found === ''
            ? `missing comparison after the selector, e.g. ${lineText.slice(0, metricStart).trim()} p95 < 500ms`
            : `expected a metric before "${found}"; ${VALID_METRICS_HINT}`);
    }
    const metric = parseMetric(metricText, metricStart, hasSelector);
    const operatorStart = skipSpaces(lineText, metricStart + metricText.length, end);
    const operatorText = /^[<>=!]*/.exec(lineText.slice(operatorStart, end))[0];
    const operator = parseOperator(operatorText, operatorStart, lineText, end, metricText);
    const limitStart = skipSpaces(lineText, operatorStart + operatorText.length, end);
    const numberText = /^(?:\d+(?:\.\d+)?|\.\d+)/.exec(lineText.slice(limitStart, end))?.[0];
    if (numberText === undefined) {
        const found = wordAt(lineText, limitStart, end);
        throw new LineProblem(limitStart, found === ''
            ? `missing limit after "${operator}", e.g. ${metricText} ${operator} ${exampleLimit(metric)}`
            : `expected a non-negative number after "${operator}" but found "${found}", e.g. ${metricText} ${operator} ${exampleLimit(metric)}`);
    }
    const unitStart = skipSpaces(lineText, limitStart + numberText.length, end);
    const unitText = /^(?:[A-Za-z%]+|\/s)/.exec(lineText.slice(unitStart, end))?.[0] ?? '';
    const trailingStart = skipSpaces(lineText, unitStart + unitText.length, end);
    if (trailingStart < end) {
        const found = wordAt(lineText, trailingStart, end);
        const commentHint = found.startsWith('#') ? '; a comment needs a space before "#"' : '';
        throw new LineProblem(trailingStart, `unexpected "${found}" after the limit${commentHint}`);
    }
    const limit = normaliseLimit(metric, numberText, unitText.toLowerCase(), limitStart, unitStart);
    return { metric, operator, limit };
}
function parseMetric(metricText, index, hasSelector) {
    const name = metricText.toLowerCase();
    if (isSimpleMetricName(name))
        return { kind: name };
    const percentile = /^p(\d+(?:\.(\d+))?)$/.exec(name);
    if (percentile) {
        const quantile = Number(percentile[1]);
        if (quantile > 100) {
            throw new LineProblem(index, `percentile "${metricText}" is above 100; the highest is p100`, 'p100');
        }
        if ((percentile[2] ?? '').replace(/0+$/, '').length > MAX_PERCENTILE_DECIMALS) {
            throw new LineProblem(index, `percentile "${metricText}" has more than ${MAX_PERCENTILE_DECIMALS} decimals, which Locust never writes`);
        }
        return { kind: 'percentile', quantile };
    }
    const lookalike = METRIC_LOOKALIKES.get(name);
    const nearest = lookalike ?? (0,mod/* closest */.kp)(name, KNOWN_METRIC_NAMES);
    if (lookalike || (0,mod/* distance */.Io)(name, nearest) <= MAX_SUGGESTION_DISTANCE) {
        throw new LineProblem(index, `unknown metric "${metricText}"; did you mean "${nearest}"?`, nearest);
    }
    // A rule without ":" that starts with a path or an HTTP method is an endpoint missing its ":".
    const looksLikeEndpoint = metricText.includes('/') || /^[A-Z]+$/.test(metricText);
    const selectorHint = hasSelector || !looksLikeEndpoint
        ? ''
        : `; to test one endpoint, write its name then ":" before the metric (quote a name that holds " #"), e.g. GET /health: max < 50ms`;
    throw new LineProblem(index, `unknown metric "${metricText}"${selectorHint}; ${VALID_METRICS_HINT}`);
}
function parseOperator(operatorText, index, lineText, end, metricText) {
    const operator = OPERATORS.find((candidate) => candidate === operatorText);
    if (operator)
        return operator;
    const lookalike = OPERATOR_LOOKALIKES.get(operatorText);
    if (lookalike) {
        throw new LineProblem(index, `unknown operator "${operatorText}"; did you mean "${lookalike}"?`, lookalike);
    }
    if (operatorText !== '') {
        throw new LineProblem(index, `unknown operator "${operatorText}"; use one of ${OPERATOR_LIST}`);
    }
    const found = wordAt(lineText, index, end);
    throw new LineProblem(index, found === ''
        ? `missing operator and limit after "${metricText}"; use one of ${OPERATOR_LIST}, e.g. ${metricText} < 500`
        : `expected an operator (${OPERATOR_LIST}) after "${metricText}" but found "${found}"`);
}
function exampleLimit(metric) {
    switch (metricFamily(metric)) {
        case 'time':
            return '500ms';
        case 'ratio':
            return '1%';
        case 'rate':
            return '100';
        case 'count':
            return '1000';
    }
}
/**
 * Converts the limit to the metric's normalised unit (ms, fraction, plain number). Scaling is done
 * on the decimal text ("0.004e3") so "0.004s" is exactly 4 ms, not 4.000000000000001.
 */
function normaliseLimit(metric, numberText, unit, limitIndex, unitIndex) {
    const name = metrics_metricName(metric);
    const value = Number(numberText);
    switch (metricFamily(metric)) {
        case 'time':
            if (unit === '' || unit === 'ms')
                return value;
            if (unit === 's')
                return Number(`${numberText}e3`);
            if (unit === '%') {
                throw new LineProblem(unitIndex, `"%" does not apply to ${name}, a response time; use ms or s`);
            }
            throw new LineProblem(unitIndex, `unknown unit "${unit}" for ${name}; use ms or s (ms when omitted)`);
        case 'ratio':
            if (unit === '%') {
                if (value > 100) {
                    throw new LineProblem(limitIndex, `${name} limit ${numberText}% is above 100%`);
                }
                return Number(`${numberText}e-2`);
            }
            if (unit !== '') {
                throw new LineProblem(unitIndex, `${name} takes a percentage (1%) or a fraction (0.01), not "${unit}"`);
            }
            if (value > 1) {
                throw new LineProblem(limitIndex, `${name} without "%" is a fraction from 0 to 1; did you mean "${numberText}%"?`, `${numberText}%`);
            }
            return value;
        case 'rate':
            if (unit === '' || unit === '/s')
                return value;
            throw new LineProblem(unitIndex, `${name} is a rate per second and takes no unit, not "${unit}"`);
        case 'count':
            if (unit === '')
                return value;
            throw new LineProblem(unitIndex, `${name} is a count and takes no unit, not "${unit}"`);
    }
}

;// CONCATENATED MODULE: ./src/inputs/parse.ts




const MAX_WORKERS = 200;
/** Every input of the action, as named in action.yml (a test keeps the two in step). */
const INPUT_NAMES = (/* unused pure expression or super */ null && ([
    'backend',
    'locustfile',
    'data',
    'host',
    'users',
    'spawn-rate',
    'run-time',
    'workers',
    'locust-args',
    'thresholds',
    'thresholds-file',
    'fail-on-threshold',
    'timeout-minutes',
    'working-directory',
    'results-dir',
    'locust-version',
    'aws-region',
    'stack-name',
    'state-machine-arn',
    'bucket',
    'cluster',
    'task-definition',
    'subnets',
    'security-groups',
    'assign-public-ip'
]));
/**
 * Flags the action sets itself; passing them through `locust-args` would fight the run plan.
 * Each maps to the input that controls it instead (or to why it is owned).
 */
const OWNED_LOCUST_FLAGS = {
    '-f': 'use the `locustfile` input',
    '--locustfile': 'use the `locustfile` input',
    '-u': 'use the `users` input',
    '--users': 'use the `users` input',
    '-r': 'use the `spawn-rate` input',
    '--spawn-rate': 'use the `spawn-rate` input',
    '-t': 'use the `run-time` input',
    '--run-time': 'use the `run-time` input',
    '-H': 'use the `host` input',
    '--host': 'use the `host` input',
    '--master': 'the backend starts the master',
    '--worker': 'the backend starts the workers',
    '--master-host': 'the backend connects workers to the master',
    '--master-port': 'the backend chooses the master port',
    '--master-bind-host': 'the backend chooses the master address',
    '--master-bind-port': 'the backend chooses the master port',
    '--expect-workers': 'use the `workers` input',
    '--processes': 'use the `workers` input',
    '--headless': 'runs are always headless',
    '--autostart': 'runs are always headless',
    '--csv': 'the backend writes CSVs into `results-dir`',
    '--csv-full-history': 'the backend always writes the full history',
    '--html': 'the backend writes report.html into `results-dir`',
    '--logfile': 'the backend writes the logs into `results-dir`'
};
const RUN_TIME_PATTERN = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
const ARN_STATE_MACHINE = /^arn:aws[a-z-]*:states:([a-z]{2}(?:-gov)?-[a-z]+-\d):(\d{12}):stateMachine:[A-Za-z0-9_-]{1,80}$/;
const REGION_PATTERN = /^[a-z]{2}(?:-gov)?-[a-z]+-\d$/;
const STACK_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
const BUCKET_PATTERN = /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const CLUSTER_PATTERN = /^(?:[A-Za-z0-9_-]{1,255}|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]{1,255})$/;
const TASK_DEFINITION_PATTERN = /^(?:[A-Za-z0-9_-]{1,255}(?::\d+)?|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/[A-Za-z0-9_-]{1,255}(?::\d+)?)$/;
const SUBNET_PATTERN = /^subnet-[0-9a-f]{8,17}$/;
const SECURITY_GROUP_PATTERN = /^sg-[0-9a-f]{8,17}$/;
const LOCUST_VERSION_PATTERN = /^\d+\.\d+(?:\.\d+)?$/;
/** The AWS backend ships files keyed by their path inside the working directory. */
const SHIPPED_INSIDE_WORKING_DIRECTORY = 'the aws backend ships files by their path inside `working-directory`, and this one is outside it; move it inside, or set `working-directory` to a folder that holds the locustfile and its data.';
function isOutside(folder, path) {
    const inside = (0,external_node_path_.relative)(folder, path);
    return inside === '..' || inside.startsWith(`..${external_node_path_.sep}`) || (0,external_node_path_.isAbsolute)(inside);
}
/** Parses Locust's run-time forms ("90", "90s", "5m", "1h30m") into seconds; undefined if invalid. */
function parseRunTime(text) {
    if (/^\d+$/.test(text))
        return Number(text);
    const match = RUN_TIME_PATTERN.exec(text);
    if (!match || text === '')
        return undefined;
    const [, hours, minutes, seconds] = match;
    return Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
}
/** Splits a list input written one item per line or comma-separated. */
function splitList(text) {
    return text
        .split(/[\n,]/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
}
/**
 * Builds the validated run configuration from raw inputs, or throws InputError listing every
 * problem at once. Nothing is started before this returns.
 */
function parseInputs(raw, context) {
    const problems = [];
    const name = (input) => context.displayName?.(input) ?? input;
    const value = (input) => (raw[input] ?? '').trim();
    const fail = (input, given, accepted) => {
        const shown = given === '' ? 'nothing' : `"${given.length > 200 ? `${given.slice(0, 200)}…` : given}"`;
        problems.push({ input, message: `Input '${name(input)}': got ${shown}; ${accepted}` });
        return undefined;
    };
    const integer = (input, fallback, min, max) => {
        const text = value(input);
        if (text === '')
            return fallback;
        const parsed = /^\d+$/.test(text) ? Number(text) : NaN;
        if (Number.isSafeInteger(parsed) && parsed >= min && parsed <= max)
            return parsed;
        fail(input, text, `expected a whole number from ${min} to ${max}.`);
        return fallback;
    };
    const positiveNumber = (input, fallback, max) => {
        const text = value(input);
        if (text === '')
            return fallback;
        const parsed = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : NaN;
        if (parsed > 0 && parsed <= max)
            return parsed;
        fail(input, text, `expected a number greater than 0 and at most ${max}, e.g. "10" or "0.5".`);
        return fallback;
    };
    const boolean = (input, fallback) => {
        const text = value(input);
        if (text === '')
            return fallback;
        if (/^(true|yes|on)$/i.test(text))
            return true;
        if (/^(false|no|off)$/i.test(text))
            return false;
        fail(input, text, 'expected "true" or "false".');
        return fallback;
    };
    const matching = (input, pattern, accepted) => {
        const text = value(input);
        if (text === '')
            return undefined;
        return pattern.test(text) ? text : fail(input, text, accepted);
    };
    const backendText = value('backend') || 'local';
    const backend = backendText === 'local' || backendText === 'aws'
        ? backendText
        : (fail('backend', backendText, 'expected "local" or "aws".'), 'local');
    const workingDirectory = (0,external_node_path_.resolve)(context.cwd, value('working-directory') || '.');
    const workingDirectoryExists = context.files.kind(workingDirectory) === 'directory';
    if (!workingDirectoryExists) {
        fail('working-directory', value('working-directory'), 'expected an existing folder (relative to the workspace).');
    }
    const inWorkingDirectory = (path) => (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(workingDirectory, path);
    const locustfileText = value('locustfile') || 'locustfile.py';
    const locustfile = inWorkingDirectory(locustfileText);
    const locustfileKind = context.files.kind(locustfile);
    if (!workingDirectoryExists) {
        // Every relative path would be wrong; the working-directory problem says why.
    }
    else if (locustfileKind !== 'file') {
        fail('locustfile', locustfileText, locustfileKind === 'directory'
            ? 'that is a folder; expected a Python file such as "locustfile.py".'
            : `no file at ${locustfile}; expected a path to a Python locustfile, relative to the working directory.`);
    }
    else if (!locustfile.endsWith('.py')) {
        fail('locustfile', locustfileText, 'expected a Python file ending in ".py".');
    }
    else if (backend === 'aws' && isOutside(workingDirectory, locustfile)) {
        fail('locustfile', locustfileText, SHIPPED_INSIDE_WORKING_DIRECTORY);
    }
    const data = splitList(value('data')).map((item) => {
        const path = inWorkingDirectory(item);
        if (context.files.kind(path) === 'missing') {
            fail('data', item, `no file or folder at ${path}; list existing files or folders, one per line.`);
        }
        else if (backend === 'aws' && workingDirectoryExists && isOutside(workingDirectory, path)) {
            fail('data', item, SHIPPED_INSIDE_WORKING_DIRECTORY);
        }
        return path;
    });
    const host = value('host') || undefined;
    if (host !== undefined && !/^https?:\/\/[^\s/]+/.test(host)) {
        fail('host', host, 'expected a URL starting with http:// or https://, e.g. "https://staging.example.com".');
    }
    const users = integer('users', 10, 1, 1_000_000);
    const spawnRate = positiveNumber('spawn-rate', Math.min(users, 100), 100_000);
    const runTime = value('run-time') || '1m';
    const runTimeSeconds = parseRunTime(runTime);
    if (runTimeSeconds === undefined || runTimeSeconds <= 0) {
        fail('run-time', runTime, 'expected a duration in Locust\'s form, e.g. "90s", "5m" or "1h30m".');
    }
    const workers = integer('workers', 1, 1, MAX_WORKERS);
    const locustArgs = tokenizeLocustArgs(value('locust-args'), (message) => fail('locust-args', value('locust-args'), message));
    const thresholds = parseThresholdInputs(raw, context, inWorkingDirectory, problems, name);
    const failOnThreshold = boolean('fail-on-threshold', true);
    const defaultTimeout = Math.ceil((runTimeSeconds ?? 60) / 60) + 10;
    const timeoutMinutes = positiveNumber('timeout-minutes', defaultTimeout, 24 * 60);
    if (runTimeSeconds !== undefined &&
        value('timeout-minutes') !== '' &&
        timeoutMinutes * 60 <= runTimeSeconds) {
        fail('timeout-minutes', value('timeout-minutes'), `expected more minutes than the run time (${runTime}), leaving time to start and collect results.`);
    }
    const resultsDir = inWorkingDirectory(value('results-dir') || 'locust-results');
    const locustVersion = matching('locust-version', LOCUST_VERSION_PATTERN, 'expected a Locust version such as "2.32.1".');
    const aws = parseAwsInputs(backend, value, fail, matching, boolean, context.env);
    if (problems.length > 0)
        throw new InputError(problems);
    return {
        backend,
        locustfile,
        data,
        host,
        users,
        spawnRate,
        runTime,
        runTimeSeconds: runTimeSeconds ?? 0,
        workers,
        locustArgs,
        thresholds,
        failOnThreshold,
        timeoutMinutes,
        workingDirectory,
        resultsDir,
        locustVersion,
        aws
    };
}
function tokenizeLocustArgs(text, reject) {
    if (text === '')
        return [];
    // Keep "$VAR" literal: the action passes words to Locust, it is not a shell.
    const entries = (0,shell_quote.parse)(text, (variable) => `$${variable}`);
    const words = [];
    for (const entry of entries) {
        if (typeof entry !== 'string') {
            reject('shell operators such as | > ; & are not allowed; give Locust flags only, quoting values with spaces.');
            return [];
        }
        words.push(entry);
    }
    for (const word of words) {
        const flag = word.split('=')[0];
        const owner = OWNED_LOCUST_FLAGS[flag];
        if (owner !== undefined) {
            reject(`the action sets ${flag} itself (${owner}); remove it from locust-args.`);
            return [];
        }
    }
    return words;
}
/**
 * Thresholds come from the `thresholds` input and from `thresholds-file`, in that order. Syntax
 * errors keep their line and column, counted within the input or file that holds them.
 */
function parseThresholdInputs(raw, context, inWorkingDirectory, problems, name) {
    const sources = [
        { input: 'thresholds', text: raw['thresholds'] ?? '', origin: '' }
    ];
    const fileText = (raw['thresholds-file'] ?? '').trim();
    if (fileText !== '') {
        const path = inWorkingDirectory(fileText);
        if (context.files.kind(path) !== 'file') {
            problems.push({
                input: 'thresholds-file',
                message: `Input '${name('thresholds-file')}': got "${fileText}"; no file at ${path}; expected a text file with one threshold rule per line.`
            });
        }
        else {
            sources.push({
                input: 'thresholds-file',
                text: context.files.read(path),
                origin: ` (${fileText})`
            });
        }
    }
    const rules = [];
    for (const source of sources) {
        try {
            rules.push(...parseThresholds(source.text));
        }
        catch (error) {
            if (!(error instanceof ThresholdSyntaxError))
                throw error;
            for (const problem of error.problems) {
                const detail = problem.message.replace(/^thresholds\s*/, '');
                problems.push({
                    input: source.input,
                    message: `Input '${name(source.input)}'${source.origin}: ${detail}`
                });
            }
        }
    }
    return rules;
}
function parseAwsInputs(backend, value, fail, matching, boolean, env) {
    const region = matching('aws-region', REGION_PATTERN, 'expected an AWS region such as "eu-west-1".') ??
        (env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined);
    const stackName = matching('stack-name', STACK_NAME_PATTERN, 'expected a CloudFormation stack name: letters, digits and hyphens, starting with a letter.');
    const stateMachineArn = matching('state-machine-arn', ARN_STATE_MACHINE, 'expected an ARN like "arn:aws:states:eu-west-1:123456789012:stateMachine:distributed-locust".');
    const bucket = matching('bucket', BUCKET_PATTERN, 'expected an S3 bucket name: 3–63 lowercase letters, digits, dots and hyphens.');
    const cluster = matching('cluster', CLUSTER_PATTERN, 'expected an ECS cluster name or ARN.');
    const taskDefinition = matching('task-definition', TASK_DEFINITION_PATTERN, 'expected a task definition family[:revision] or ARN.');
    const listOf = (input, pattern, example) => {
        const text = value(input);
        const items = splitList(text);
        if (text !== '' && items.length === 0)
            fail(input, text, `the list is empty; expected IDs such as "${example}", one per line or comma-separated.`);
        const bad = items.filter((item) => !pattern.test(item));
        if (bad.length > 0)
            fail(input, bad.join(', '), `expected IDs such as "${example}".`);
        return items;
    };
    const subnets = listOf('subnets', SUBNET_PATTERN, 'subnet-0123456789abcdef0');
    const securityGroups = listOf('security-groups', SECURITY_GROUP_PATTERN, 'sg-0123456789abcdef0');
    const assignPublicIp = boolean('assign-public-ip', false);
    const arnRegion = stateMachineArn ? ARN_STATE_MACHINE.exec(stateMachineArn)?.[1] : undefined;
    if (backend === 'aws') {
        if (stackName === undefined &&
            value('stack-name') === '' &&
            (value('state-machine-arn') === '' || value('bucket') === '')) {
            fail('stack-name', '', 'the aws backend needs either `stack-name` (the deployed distributed-locust stack) or both `state-machine-arn` and `bucket`.');
        }
        if (region === undefined && arnRegion === undefined && value('aws-region') === '') {
            fail('aws-region', '', 'no region given and none in AWS_REGION; set `aws-region` or configure AWS credentials first.');
        }
        else if (region !== undefined && arnRegion !== undefined && region !== arnRegion) {
            fail('state-machine-arn', stateMachineArn ?? '', `its region ${arnRegion} differs from aws-region ${region}; use one region.`);
        }
    }
    return {
        region: region ?? arnRegion,
        stackName,
        stateMachineArn,
        bucket,
        cluster,
        taskDefinition,
        subnets,
        securityGroups,
        assignPublicIp
    };
}

;// CONCATENATED MODULE: ./src/report/terminal.ts





const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 60;
const MAX_ENDPOINT_ROWS = 50;
const terminal_MAX_FAILURE_ROWS = 10;
const MAX_EXCEPTION_ROWS = 5;
const terminal_MAX_ERROR_CHARS = 2000;
/** A cut name column still shows this much ("Aggregated" whole), even if the table overflows. */
const MIN_FLEX_WIDTH = 12;
const MAX_LABEL_WIDTH = 24;
const INDENT = '  ';
const ANSI = {
    bold: '\u001b[1m',
    dim: '\u001b[2m',
    red: '\u001b[31m',
    green: '\u001b[32m',
    yellow: '\u001b[33m'
};
const RESET = '\u001b[0m';
function renderTerminal(report, options = {}) {
    const width = Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH);
    const paint = (text, style) => options.color && style && text !== '' ? `${ANSI[style]}${text}${RESET}` : text;
    const context = { width, paint };
    const sections = [
        terminal_verdictSection(report, context),
        terminal_thresholdsSection(report.evaluation.results, context)
    ];
    if (report.results) {
        sections.push(terminal_endpointsSection(report.results, context), terminal_failuresSection(report.results, context));
    }
    sections.push(terminal_factsSection(report, context));
    return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}
const VERDICT_MARKS = {
    passed: ['✔ PASSED', 'green'],
    failed: ['✖ FAILED', 'red'],
    error: ['⚠ ERROR', 'yellow']
};
function terminal_verdictSection(report, { paint }) {
    const [mark, style] = VERDICT_MARKS[report.verdict];
    const lines = [
        `${paint(mark, style)}  ${paint(VERDICT_TITLES[report.verdict], 'bold')}: ${thresholdsSentence(report.evaluation.results)}`
    ];
    if (report.error !== undefined) {
        lines.push(`${INDENT}${paint('Error:', style)} ${truncate(oneLine(report.error), terminal_MAX_ERROR_CHARS)}`);
    }
    if (report.partial)
        lines.push(`${INDENT}${paint('Partial results:', 'yellow')} ${PARTIAL_NOTE}`);
    if (!report.results)
        lines.push(`${INDENT}${NO_RESULTS_NOTE}`);
    else
        lines.push(`${INDENT}${headline(report.results.aggregate, (text) => paint(text, 'bold'))}`);
    return lines.join('\n');
}
function terminal_thresholdsSection(results, context) {
    if (results.length === 0)
        return '';
    const rows = results.map((result) => {
        const family = metricFamily(result.rule.metric);
        const passed = result.verdict === 'pass';
        return [
            { text: passed ? '✔ pass' : '✖ fail', style: passed ? 'green' : 'red' },
            { text: oneLine(result.rule.text) },
            { text: report_format_formatValue(result.actual, family) },
            { text: formatLimit(result.rule.operator, result.rule.limit, result.rule.metric) }
        ];
    });
    const [header, ...lines] = table(['', 'Rule', 'Actual', 'Limit'], rows, THRESHOLD_ALIGNS, 1, context);
    // A reason is a sentence: it gets its own line under its rule rather than a cramped column.
    const withReasons = lines.flatMap((line, index) => {
        const reason = results[index].reason;
        return reason === undefined
            ? [line]
            : [line, context.paint(`${REASON_INDENT}↳ ${oneLine(reason)}`, 'dim')];
    });
    return section('Thresholds', [header, ...withReasons].join('\n'), context);
}
const THRESHOLD_ALIGNS = ['left', 'left', 'right', 'right'];
const REASON_INDENT = ' '.repeat(INDENT.length + '✖ fail'.length + 2);
function terminal_endpointsSection(results, context) {
    const ordered = orderEndpoints(results.endpoints);
    const shown = ordered.slice(0, MAX_ENDPOINT_ROWS);
    const rows = [
        ...shown.map((stats) => endpointCells(stats, false)),
        endpointCells(results.aggregate, true)
    ];
    const header = [
        'Method',
        'Name',
        'Requests',
        'Failures',
        'Median',
        'p95',
        'p99',
        'Avg',
        'Max',
        'RPS'
    ];
    const aligns = ['left', 'left', ...Array(8).fill('right')];
    const lines = table(header, rows, aligns, 1, context);
    if (shown.length < ordered.length) {
        lines.push(context.paint(`${INDENT}Showing ${formatCount(shown.length)} of ${formatCount(ordered.length)} endpoints (failing first, then the busiest); all of them are in results.json.`, 'dim'));
    }
    return section('Endpoints', lines.join('\n'), context);
}
function endpointCells(stats, isTotal) {
    const style = isTotal ? 'bold' : undefined;
    const failures = stats.failures > 0
        ? `${formatCount(stats.failures)} (${report_format_formatValue(failRatio(stats), 'ratio')})`
        : '0';
    return [
        { text: isTotal ? '' : oneLine(stats.method) },
        { text: isTotal ? 'Aggregated' : oneLine(stats.name), style },
        { text: formatCount(stats.requests), style },
        { text: failures, style: stats.failures > 0 ? 'red' : style },
        { text: report_format_formatValue(stats.medianMs, 'time'), style },
        { text: report_format_formatValue(percentileMs(stats, 95), 'time'), style },
        { text: report_format_formatValue(percentileMs(stats, 99), 'time'), style },
        { text: report_format_formatValue(stats.avgMs, 'time'), style },
        { text: report_format_formatValue(stats.maxMs, 'time'), style },
        { text: report_format_formatValue(stats.rps, 'rate'), style }
    ];
}
function terminal_failuresSection(results, context) {
    const lines = [];
    const failures = orderFailures(results.failures).slice(0, terminal_MAX_FAILURE_ROWS);
    for (const failure of failures) {
        const where = oneLine(`${failure.method} ${failure.name}`.trim());
        const line = `${INDENT}${formatCount(failure.occurrences)} × ${where}: ${oneLine(failure.error)}`;
        lines.push(context.paint(fit(line, context.width), 'red'));
    }
    const exceptions = [...results.exceptions]
        .sort((a, b) => b.count - a.count)
        .slice(0, MAX_EXCEPTION_ROWS);
    for (const exception of exceptions) {
        const line = `${INDENT}${formatCount(exception.count)} × exception: ${oneLine(exception.message)}`;
        lines.push(context.paint(fit(line, context.width), 'yellow'));
    }
    const hidden = results.failures.length - failures.length + (results.exceptions.length - exceptions.length);
    if (hidden > 0) {
        lines.push(context.paint(`${INDENT}… and ${formatCount(hidden)} more in results.json`, 'dim'));
    }
    return lines.length === 0 ? '' : section('Failures and exceptions', lines.join('\n'), context);
}
function terminal_factsSection(report, context) {
    const items = runFacts(report, { text: oneLine, literal: oneLine });
    for (const link of report.facts.links ?? []) {
        items.push([fit(oneLine(link.label), MAX_LABEL_WIDTH), oneLine(link.url ?? link.value ?? '')]);
    }
    const labelWidth = Math.max(...items.map(([label]) => displayWidth(label)));
    const lines = items.map(([label, value]) => `${INDENT}${context.paint(padEnd(label, labelWidth), 'dim')}  ${value}`);
    return section('Run', lines.join('\n'), context);
}
function section(title, body, context) {
    return `${context.paint(title, 'bold')}\n${body}`;
}
/**
 * Aligned columns; when the table is wider than the terminal, the flexible column (the name or
 * rule) is cut to fit. Colour is applied after padding so escape sequences never skew alignment.
 */
function table(header, rows, aligns, flexColumn, context) {
    const all = [header.map((text) => ({ text, style: 'dim' })), ...rows];
    const widths = header.map((_, column) => Math.max(...all.map((row) => displayWidth(row[column].text))));
    const gaps = INDENT.length + 2 * (widths.length - 1);
    const total = gaps + widths.reduce((sum, width) => sum + width, 0);
    if (total > context.width)
        widths[flexColumn] = Math.max(MIN_FLEX_WIDTH, widths[flexColumn] - (total - context.width));
    return all.map((row) => {
        const last = row.length - 1;
        const cells = row.map((cell, column) => {
            const text = fit(cell.text, widths[column]);
            // A left-aligned last column is not padded: no trailing spaces, coloured or not.
            const padded = aligns[column] === 'right'
                ? padStart(text, widths[column])
                : column === last
                    ? text
                    : padEnd(text, widths[column]);
            return context.paint(padded, cell.style);
        });
        return `${INDENT}${cells.join('  ')}`.trimEnd();
    });
}
/** Cuts text to at most maxWidth terminal columns, "…" marking the cut. */
function fit(text, maxWidth) {
    if (displayWidth(text) <= maxWidth)
        return text;
    let width = 0;
    let kept = '';
    for (const char of text) {
        width += charWidth(char);
        if (width > maxWidth - 1)
            break;
        kept += char;
    }
    return `${kept}…`;
}
function padEnd(text, width) {
    return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
function padStart(text, width) {
    return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}
function displayWidth(text) {
    let width = 0;
    for (const char of text)
        width += charWidth(char);
    return width;
}
/** Combining marks take no column; East Asian wide characters and most emoji take two. */
function charWidth(char) {
    if (/\p{Mn}|\p{Me}|\u200b|\ufe0f/u.test(char))
        return 0;
    const code = char.codePointAt(0) ?? 0;
    const wide = (code >= 0x1100 && code <= 0x115f) ||
        (code >= 0x2e80 && code <= 0xa4cf) ||
        (code >= 0xac00 && code <= 0xd7a3) ||
        (code >= 0xf900 && code <= 0xfaff) ||
        (code >= 0xfe30 && code <= 0xfe4f) ||
        (code >= 0xff00 && code <= 0xff60) ||
        (code >= 0xffe0 && code <= 0xffe6) ||
        (code >= 0x1f300 && code <= 0x1f64f) ||
        (code >= 0x1f900 && code <= 0x1f9ff) ||
        (code >= 0x20000 && code <= 0x3fffd);
    return wide ? 2 : 1;
}

;// CONCATENATED MODULE: ./src/report/sentences.ts

/** One sentence naming each failed rule with its measured value, for the step's failure message. */
function failedRulesSentence(evaluation) {
    const failed = evaluation.results.filter((result) => result.verdict === 'fail');
    const details = failed.map((result) => {
        const measured = result.actual === null
            ? (result.reason ?? 'not measured')
            : `actual ${formatValue(result.rule.metric, result.actual)}`;
        return `${describeRule(result.rule)} (${measured})`;
    });
    return `${failed.length} of ${evaluation.results.length} thresholds failed: ${details.join('; ')}`;
}
/** A one-line progress report: "42s / 60s · 20 users · 512.3 req/s · 0.5% failed". */
function progressLine(progress) {
    const parts = [`${Math.round(progress.elapsedSeconds)}s / ${Math.round(progress.totalSeconds)}s`];
    if (progress.users !== undefined)
        parts.push(`${progress.users} users`);
    if (progress.rps !== undefined)
        parts.push(`${progress.rps.toFixed(1)} req/s`);
    if (progress.failRatio !== undefined)
        parts.push(`${(progress.failRatio * 100).toFixed(1)}% failed`);
    if (progress.message)
        parts.push(progress.message);
    return parts.join(' · ');
}

;// CONCATENATED MODULE: ./src/cli/console.ts

/** On a pipe, one progress line per this many milliseconds at most. */
const PLAIN_PROGRESS_INTERVAL_MS = 10_000;
const CLEAR_LINE = '\r\u001b[2K';
class RunConsole {
    output;
    now;
    shownProgress = '';
    lastPlainProgressAt = -Infinity;
    constructor(output, now = Date.now) {
        this.output = output;
        this.now = now;
    }
    /** A log line; on a terminal it is printed above the progress line, which stays last. */
    log(line) {
        if (this.output.isTTY && this.shownProgress !== '') {
            this.output.write(`${CLEAR_LINE}${line}\n${this.shownProgress}`);
        }
        else {
            this.output.write(`${line}\n`);
        }
    }
    progress(progress) {
        const line = `[progress] ${progressLine(progress)}`;
        if (this.output.isTTY) {
            const columns = this.output.columns ?? 100;
            this.shownProgress = line.length >= columns ? `${line.slice(0, columns - 2)}…` : line;
            this.output.write(`${CLEAR_LINE}${this.shownProgress}`);
            return;
        }
        const now = this.now();
        if (now - this.lastPlainProgressAt < PLAIN_PROGRESS_INTERVAL_MS)
            return;
        this.lastPlainProgressAt = now;
        this.output.write(`${line}\n`);
    }
    /** Removes the progress line before the report is printed. */
    finish() {
        if (this.output.isTTY && this.shownProgress !== '')
            this.output.write(CLEAR_LINE);
        this.shownProgress = '';
    }
}

;// CONCATENATED MODULE: ./src/cli/main.ts
/**
 * `distributed-locust`: the same inputs, backends and engine as the action, from a terminal.
 * Exit codes: 0 passed, 1 a threshold failed, 2 usage or infrastructure error; 130/143 when
 * interrupted by SIGINT/SIGTERM (partial results are kept).
 */









const EXIT = { passed: 0, thresholdFailed: 1, error: 2 };
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 };
const AWS_GROUP = 'AWS backend (--backend aws; credentials from the standard AWS chain):';
const RUN_FLAGS = [
    {
        input: 'locustfile',
        flags: '-f, --locustfile <path>',
        description: 'the Locust test (default: locustfile.py)'
    },
    { input: 'host', flags: '-H, --host <url>', description: 'base URL of the system under test' },
    {
        input: 'users',
        flags: '-u, --users <n>',
        description: 'peak number of concurrent users (default: 10)'
    },
    {
        input: 'spawn-rate',
        flags: '-r, --spawn-rate <n>',
        description: 'users started per second (default: users, at most 100)'
    },
    {
        input: 'run-time',
        flags: '-t, --run-time <time>',
        description: 'test duration in Locust form: 90s, 5m, 1h30m (default: 1m)'
    },
    {
        input: 'workers',
        flags: '-w, --workers <n>',
        description: 'Locust workers: processes (local) or Fargate tasks (aws) (default: 1)'
    },
    {
        input: 'thresholds',
        flags: '--threshold <rule>',
        description: 'a pass/fail rule such as "p95 < 500ms"; repeat for more',
        repeatable: true
    },
    {
        input: 'thresholds-file',
        flags: '--thresholds-file <path>',
        description: 'a file of rules, one per line (# comments)'
    },
    {
        input: 'data',
        flags: '--data <path>',
        description: 'an extra file or folder the test needs (shipped to remote workers); repeat for more',
        repeatable: true
    },
    {
        input: 'locust-args',
        flags: '--locust-args <args>',
        description: 'extra Locust flags, quoted as in a shell'
    },
    {
        input: 'results-dir',
        flags: '-o, --out <dir>',
        description: 'results folder (default: ./locust-results/<timestamp>)'
    },
    {
        input: 'timeout-minutes',
        flags: '--timeout-minutes <n>',
        description: 'stop everything after this long (default: run time + 10)'
    },
    {
        input: 'backend',
        flags: '--backend <name>',
        description: 'where Locust runs: local or aws (default: local)'
    },
    {
        input: 'locust-version',
        flags: '--locust-version <version>',
        description: 'install this Locust with pip when none is installed'
    },
    {
        input: 'stack-name',
        flags: '--stack-name <name>',
        description: 'the deployed distributed-locust stack; its outputs give everything below',
        group: AWS_GROUP
    },
    {
        input: 'aws-region',
        flags: '--aws-region <region>',
        description: 'AWS region, e.g. eu-west-1 (default: AWS_REGION or AWS_DEFAULT_REGION)',
        group: AWS_GROUP
    },
    {
        input: 'state-machine-arn',
        flags: '--state-machine-arn <arn>',
        description: "the stack's run state machine (with --bucket, instead of --stack-name)",
        group: AWS_GROUP
    },
    {
        input: 'bucket',
        flags: '--bucket <name>',
        description: "S3 bucket for the test bundle and the results (default: the stack's)",
        group: AWS_GROUP
    },
    {
        input: 'cluster',
        flags: '--cluster <name-or-arn>',
        description: "ECS cluster the tasks run in (default: the stack's)",
        group: AWS_GROUP
    },
    {
        input: 'task-definition',
        flags: '--task-definition <name-or-arn>',
        description: "task definition family[:revision] or ARN (default: the stack's)",
        group: AWS_GROUP
    },
    {
        input: 'subnets',
        flags: '--subnet <id>',
        description: "a subnet of the tasks, e.g. subnet-0123456789abcdef0; repeat for more (default: the stack's)",
        repeatable: true,
        group: AWS_GROUP
    },
    {
        input: 'security-groups',
        flags: '--security-group <id>',
        description: "a security group of the tasks, e.g. sg-0123456789abcdef0; repeat for more (default: the stack's)",
        repeatable: true,
        group: AWS_GROUP
    },
    {
        input: 'assign-public-ip',
        flags: '--assign-public-ip',
        description: 'give the tasks public IPs (subnets without a NAT gateway)',
        group: AWS_GROUP
    }
];
const EXAMPLES = `
Examples:
  $ distributed-locust run -f examples/locustfile.py -H http://127.0.0.1:8080 \\
      -u 50 -r 10 -t 30s -w 2 --threshold "p95 < 500ms" --threshold "fail_ratio < 1%"
  $ distributed-locust run -f load/locustfile.py --data load/stages.json --data load/rows.csv \\
      -t 2m -w 4 --thresholds-file load/thresholds.txt --out results
  $ distributed-locust run --backend aws --stack-name distributed-locust --aws-region eu-west-1 \\
      -f load/locustfile.py -H https://staging.example.com -u 200 -t 5m -w 10 --threshold "p95 < 800ms"

Exit codes: 0 every threshold passed, 1 a threshold failed, 2 usage or infrastructure error
(Locust could not run, timeout), 130/143 interrupted by SIGINT/SIGTERM (partial results kept).`;
/** The flag that sets an input, for messages: 'users' → '--users/-u'. */
function flagOf(input) {
    const spec = RUN_FLAGS.find((flag) => flag.input === input);
    if (!spec)
        return input;
    const [short, long] = spec.flags.split(/[ ,]+/).filter((word) => word.startsWith('-'));
    return long ? `${long}/${short}` : short;
}
async function main(argv, environment = processEnvironment()) {
    const { stdout, stderr } = environment;
    let exitCode = EXIT.error;
    const program = new Command('distributed-locust')
        .description('Run a distributed Locust load test (one master, N workers) and judge it against thresholds.')
        .exitOverride()
        .configureOutput({
        writeOut: (text) => stdout.write(text),
        writeErr: (text) => stderr.write(text)
    })
        .showHelpAfterError('(add --help for usage)');
    const run = program
        .command('run')
        .description('run a load test, print the report and write it with the CSVs into the results folder')
        .addHelpText('after', EXAMPLES);
    const options = RUN_FLAGS.map((spec) => {
        const option = new Option(spec.flags, spec.description);
        if (spec.group)
            option.helpGroup(spec.group);
        if (spec.repeatable)
            option.argParser((value, previous = []) => [...previous, value]);
        run.addOption(option);
        return { spec, option };
    });
    run.option('--no-color', 'plain text without ANSI colours (also when NO_COLOR is set)');
    run.action(async (values) => {
        const raw = Object.fromEntries(options.map(({ spec, option }) => {
            const value = values[option.attributeName()];
            // A switch such as --assign-public-ip feeds its input the words the action accepts.
            const text = typeof value === 'boolean' ? String(value) : value;
            return [spec.input, Array.isArray(text) ? text.join('\n') : text];
        }));
        raw['results-dir'] ??= (0,external_node_path_.join)('locust-results', timestampForFolder(environment.now()));
        const color = values.color !== false && Boolean(stdout.isTTY) && !environment.env.NO_COLOR;
        exitCode = await runLoadTest(raw, color, environment);
    });
    program.addHelpText('after', EXAMPLES);
    try {
        await program.parseAsync(argv);
        if (argv.length <= 2) {
            program.outputHelp();
            return EXIT.error;
        }
        return exitCode;
    }
    catch (error) {
        if (error instanceof CommanderError) {
            return error.code === 'commander.helpDisplayed' || error.code === 'commander.help'
                ? EXIT.passed
                : EXIT.error;
        }
        // Anything else (a results folder that cannot be written, …) is an infrastructure error.
        stderr.write(`distributed-locust: ${error.message}\n`);
        return EXIT.error;
    }
}
async function runLoadTest(raw, color, environment) {
    const { stdout, stderr } = environment;
    let config;
    try {
        config = parseInputs(raw, {
            cwd: environment.cwd,
            env: environment.env,
            files: nodeFiles,
            displayName: flagOf
        });
    }
    catch (error) {
        if (!(error instanceof InputError))
            throw error;
        stderr.write(`Invalid options; nothing was started.\n${error.message}\n(add --help for usage)\n`);
        return EXIT.error;
    }
    const terminal = new RunConsole(stderr);
    const cancellation = new AbortController();
    let interruptedBy;
    const interrupt = (signal) => {
        if (interruptedBy !== undefined) {
            terminal.log(`${signal} again: stopping at once.`);
            process.exit(SIGNAL_EXIT_CODES[signal] ?? EXIT.error);
        }
        interruptedBy = signal;
        terminal.log(`${signal} received: stopping Locust and keeping the results so far (again to stop at once)…`);
        cancellation.abort();
    };
    process.on('SIGINT', interrupt);
    process.on('SIGTERM', interrupt);
    try {
        terminal.log(`Running ${config.locustfile} with ${config.users} users on ${config.workers} worker(s) for ${config.runTime} (${config.backend} backend)`);
        const backend = await createBackend(config.backend);
        const outcome = await backend.run(config, {
            signal: cancellation.signal,
            log: (line) => terminal.log(line),
            onProgress: (progress) => terminal.progress(progress)
        });
        // The report shows the error on one line; a Python traceback reads better as Locust wrote it.
        if (outcome.error !== undefined)
            terminal.log(outcome.error);
        terminal.finish();
        const concluded = await concludeRun(config, outcome);
        stdout.write(`${renderTerminal(concluded.report, { color, width: stdout.columns })}\n`);
        stdout.write(`Report, results and Locust logs in ${outcome.resultsDir}\n`);
        if (interruptedBy !== undefined)
            return SIGNAL_EXIT_CODES[interruptedBy] ?? EXIT.error;
        switch (concluded.report.verdict) {
            case 'passed':
                return EXIT.passed;
            case 'failed':
                return config.failOnThreshold ? EXIT.thresholdFailed : EXIT.passed;
            case 'error':
                return EXIT.error;
        }
    }
    finally {
        terminal.finish();
        process.off('SIGINT', interrupt);
        process.off('SIGTERM', interrupt);
    }
}
/** "2026-11-28T01-16-45" — sortable, and valid in folder names everywhere. */
function timestampForFolder(date) {
    return date.toISOString().slice(0, 19).replace(/:/g, '-');
}
function processEnvironment() {
    return {
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
        cwd: process.cwd(),
        now: () => new Date()
    };
}


/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 8909:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

const { Argument } = __nccwpck_require__(9154);
const { Command } = __nccwpck_require__(4348);
const { CommanderError, InvalidArgumentError } = __nccwpck_require__(1135);
const { Help } = __nccwpck_require__(9754);
const { Option } = __nccwpck_require__(5240);

exports.DM = new Command();

exports.gu = (name) => new Command(name);
exports.Ww = (flags, description) => new Option(flags, description);
exports.er = (name, description) => new Argument(name, description);

/**
 * Expose classes
 */

exports.uB = Command;
exports.c$ = Option;
exports.ef = Argument;
exports._V = Help;

exports.b7 = CommanderError;
exports.Di = InvalidArgumentError;
exports.a2 = InvalidArgumentError; // Deprecated


/***/ }),

/***/ 9154:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

const { InvalidArgumentError } = __nccwpck_require__(1135);

class Argument {
  /**
   * Initialize a new command argument with the given name and description.
   * The default is that the argument is required, and you can explicitly
   * indicate this with <> around the name. Put [] around the name for an optional argument.
   *
   * @param {string} name
   * @param {string} [description]
   */

  constructor(name, description) {
    this.description = description || '';
    this.variadic = false;
    this.parseArg = undefined;
    this.defaultValue = undefined;
    this.defaultValueDescription = undefined;
    this.argChoices = undefined;

    switch (name[0]) {
      case '<': // e.g. <required>
        this.required = true;
        this._name = name.slice(1, -1);
        break;
      case '[': // e.g. [optional]
        this.required = false;
        this._name = name.slice(1, -1);
        break;
      default:
        this.required = true;
        this._name = name;
        break;
    }

    if (this._name.endsWith('...')) {
      this.variadic = true;
      this._name = this._name.slice(0, -3);
    }
  }

  /**
   * Return argument name.
   *
   * @return {string}
   */

  name() {
    return this._name;
  }

  /**
   * @package
   */

  _collectValue(value, previous) {
    if (previous === this.defaultValue || !Array.isArray(previous)) {
      return [value];
    }

    previous.push(value);
    return previous;
  }

  /**
   * Set the default value, and optionally supply the description to be displayed in the help.
   *
   * @param {*} value
   * @param {string} [description]
   * @return {Argument}
   */

  default(value, description) {
    this.defaultValue = value;
    this.defaultValueDescription = description;
    return this;
  }

  /**
   * Set the custom handler for processing CLI command arguments into argument values.
   *
   * @param {Function} [fn]
   * @return {Argument}
   */

  argParser(fn) {
    this.parseArg = fn;
    return this;
  }

  /**
   * Only allow argument value to be one of choices.
   *
   * @param {string[]} values
   * @return {Argument}
   */

  choices(values) {
    this.argChoices = values.slice();
    this.parseArg = (arg, previous) => {
      if (!this.argChoices.includes(arg)) {
        throw new InvalidArgumentError(
          `Allowed choices are ${this.argChoices.join(', ')}.`,
        );
      }
      if (this.variadic) {
        return this._collectValue(arg, previous);
      }
      return arg;
    };
    return this;
  }

  /**
   * Make argument required.
   *
   * @returns {Argument}
   */
  argRequired() {
    this.required = true;
    return this;
  }

  /**
   * Make argument optional.
   *
   * @returns {Argument}
   */
  argOptional() {
    this.required = false;
    return this;
  }
}

/**
 * Takes an argument and returns its human readable equivalent for help usage.
 *
 * @param {Argument} arg
 * @return {string}
 * @private
 */

function humanReadableArgName(arg) {
  const nameOutput = arg.name() + (arg.variadic === true ? '...' : '');

  return arg.required ? '<' + nameOutput + '>' : '[' + nameOutput + ']';
}

exports.Argument = Argument;
exports.humanReadableArgName = humanReadableArgName;


/***/ }),

/***/ 4348:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

const EventEmitter = (__nccwpck_require__(8474).EventEmitter);
const childProcess = __nccwpck_require__(1421);
const path = __nccwpck_require__(6760);
const fs = __nccwpck_require__(3024);
const process = __nccwpck_require__(1708);

const { Argument, humanReadableArgName } = __nccwpck_require__(9154);
const { CommanderError } = __nccwpck_require__(1135);
const { Help, stripColor } = __nccwpck_require__(9754);
const { Option, DualOptions } = __nccwpck_require__(5240);
const { suggestSimilar } = __nccwpck_require__(5030);

class Command extends EventEmitter {
  /**
   * Initialize a new `Command`.
   *
   * @param {string} [name]
   */

  constructor(name) {
    super();
    /** @type {Command[]} */
    this.commands = [];
    /** @type {Option[]} */
    this.options = [];
    this.parent = null;
    this._allowUnknownOption = false;
    this._allowExcessArguments = false;
    /** @type {Argument[]} */
    this.registeredArguments = [];
    this._args = this.registeredArguments; // deprecated old name
    /** @type {string[]} */
    this.args = []; // cli args with options removed
    this.rawArgs = [];
    this.processedArgs = []; // like .args but after custom processing and collecting variadic
    this._scriptPath = null;
    this._name = name || '';
    this._optionValues = {};
    this._optionValueSources = {}; // default, env, cli etc
    this._storeOptionsAsProperties = false;
    this._actionHandler = null;
    this._executableHandler = false;
    this._executableFile = null; // custom name for executable
    this._executableDir = null; // custom search directory for subcommands
    this._defaultCommandName = null;
    this._exitCallback = null;
    this._aliases = [];
    this._combineFlagAndOptionalValue = true;
    this._description = '';
    this._summary = '';
    this._argsDescription = undefined; // legacy
    this._enablePositionalOptions = false;
    this._passThroughOptions = false;
    this._lifeCycleHooks = {}; // a hash of arrays
    /** @type {(boolean | string)} */
    this._showHelpAfterError = false;
    this._showSuggestionAfterError = true;
    this._savedState = null; // used in save/restoreStateBeforeParse

    // see configureOutput() for docs
    this._outputConfiguration = {
      writeOut: (str) => process.stdout.write(str),
      writeErr: (str) => process.stderr.write(str),
      outputError: (str, write) => write(str),
      getOutHelpWidth: () =>
        process.stdout.isTTY ? process.stdout.columns : undefined,
      getErrHelpWidth: () =>
        process.stderr.isTTY ? process.stderr.columns : undefined,
      getOutHasColors: () =>
        useColor() ?? (process.stdout.isTTY && process.stdout.hasColors?.()),
      getErrHasColors: () =>
        useColor() ?? (process.stderr.isTTY && process.stderr.hasColors?.()),
      stripColor: (str) => stripColor(str),
    };

    this._hidden = false;
    /** @type {(Option | null | undefined)} */
    this._helpOption = undefined; // Lazy created on demand. May be null if help option is disabled.
    this._addImplicitHelpCommand = undefined; // undecided whether true or false yet, not inherited
    /** @type {Command} */
    this._helpCommand = undefined; // lazy initialised, inherited
    this._helpConfiguration = {};
    /** @type {string | undefined} */
    this._helpGroupHeading = undefined; // soft initialised when added to parent
    /** @type {string | undefined} */
    this._defaultCommandGroup = undefined;
    /** @type {string | undefined} */
    this._defaultOptionGroup = undefined;
  }

  /**
   * Copy settings that are useful to have in common across root command and subcommands.
   *
   * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
   *
   * @param {Command} sourceCommand
   * @return {Command} `this` command for chaining
   */
  copyInheritedSettings(sourceCommand) {
    this._outputConfiguration = sourceCommand._outputConfiguration;
    this._helpOption = sourceCommand._helpOption;
    this._helpCommand = sourceCommand._helpCommand;
    this._helpConfiguration = sourceCommand._helpConfiguration;
    this._exitCallback = sourceCommand._exitCallback;
    this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
    this._combineFlagAndOptionalValue =
      sourceCommand._combineFlagAndOptionalValue;
    this._allowExcessArguments = sourceCommand._allowExcessArguments;
    this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
    this._showHelpAfterError = sourceCommand._showHelpAfterError;
    this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;

    return this;
  }

  /**
   * @returns {Command[]}
   * @private
   */

  _getCommandAndAncestors() {
    const result = [];
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    for (let command = this; command; command = command.parent) {
      result.push(command);
    }
    return result;
  }

  /**
   * Define a command.
   *
   * There are two styles of command: pay attention to where to put the description.
   *
   * @example
   * // Command implemented using action handler (description is supplied separately to `.command`)
   * program
   *   .command('clone <source> [destination]')
   *   .description('clone a repository into a newly created directory')
   *   .action((source, destination) => {
   *     console.log('clone command called');
   *   });
   *
   * // Command implemented using separate executable file (description is second parameter to `.command`)
   * program
   *   .command('start <service>', 'start named service')
   *   .command('stop [service]', 'stop named service, or all if no name supplied');
   *
   * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
   * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
   * @param {object} [execOpts] - configuration options (for executable)
   * @return {Command} returns new command for action handler, or `this` for executable command
   */

  command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
    let desc = actionOptsOrExecDesc;
    let opts = execOpts;
    if (typeof desc === 'object' && desc !== null) {
      opts = desc;
      desc = null;
    }
    opts = opts || {};
    const [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/);

    const cmd = this.createCommand(name);
    if (desc) {
      cmd.description(desc);
      cmd._executableHandler = true;
    }
    if (opts.isDefault) this._defaultCommandName = cmd._name;
    cmd._hidden = !!(opts.noHelp || opts.hidden); // noHelp is deprecated old name for hidden
    cmd._executableFile = opts.executableFile || null; // Custom name for executable file, set missing to null to match constructor
    if (args) cmd.arguments(args);
    this._registerCommand(cmd);
    cmd.parent = this;
    cmd.copyInheritedSettings(this);

    if (desc) return this;
    return cmd;
  }

  /**
   * Factory routine to create a new unattached command.
   *
   * See .command() for creating an attached subcommand, which uses this routine to
   * create the command. You can override createCommand to customise subcommands.
   *
   * @param {string} [name]
   * @return {Command} new command
   */

  createCommand(name) {
    return new Command(name);
  }

  /**
   * You can customise the help with a subclass of Help by overriding createHelp,
   * or by overriding Help properties using configureHelp().
   *
   * @return {Help}
   */

  createHelp() {
    return Object.assign(new Help(), this.configureHelp());
  }

  /**
   * You can customise the help by overriding Help properties using configureHelp(),
   * or with a subclass of Help by overriding createHelp().
   *
   * @param {object} [configuration] - configuration options
   * @return {(Command | object)} `this` command for chaining, or stored configuration
   */

  configureHelp(configuration) {
    if (configuration === undefined) return this._helpConfiguration;

    this._helpConfiguration = configuration;
    return this;
  }

  /**
   * The default output goes to stdout and stderr. You can customise this for special
   * applications. You can also customise the display of errors by overriding outputError.
   *
   * The configuration properties are all functions:
   *
   *     // change how output being written, defaults to stdout and stderr
   *     writeOut(str)
   *     writeErr(str)
   *     // change how output being written for errors, defaults to writeErr
   *     outputError(str, write) // used for displaying errors and not used for displaying help
   *     // specify width for wrapping help
   *     getOutHelpWidth()
   *     getErrHelpWidth()
   *     // color support, currently only used with Help
   *     getOutHasColors()
   *     getErrHasColors()
   *     stripColor() // used to remove ANSI escape codes if output does not have colors
   *
   * @param {object} [configuration] - configuration options
   * @return {(Command | object)} `this` command for chaining, or stored configuration
   */

  configureOutput(configuration) {
    if (configuration === undefined) return this._outputConfiguration;

    this._outputConfiguration = {
      ...this._outputConfiguration,
      ...configuration,
    };
    return this;
  }

  /**
   * Display the help or a custom message after an error occurs.
   *
   * @param {(boolean|string)} [displayHelp]
   * @return {Command} `this` command for chaining
   */
  showHelpAfterError(displayHelp = true) {
    if (typeof displayHelp !== 'string') displayHelp = !!displayHelp;
    this._showHelpAfterError = displayHelp;
    return this;
  }

  /**
   * Display suggestion of similar commands for unknown commands, or options for unknown options.
   *
   * @param {boolean} [displaySuggestion]
   * @return {Command} `this` command for chaining
   */
  showSuggestionAfterError(displaySuggestion = true) {
    this._showSuggestionAfterError = !!displaySuggestion;
    return this;
  }

  /**
   * Add a prepared subcommand.
   *
   * See .command() for creating an attached subcommand which inherits settings from its parent.
   *
   * @param {Command} cmd - new subcommand
   * @param {object} [opts] - configuration options
   * @return {Command} `this` command for chaining
   */

  addCommand(cmd, opts) {
    if (!cmd._name) {
      throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
    }

    opts = opts || {};
    if (opts.isDefault) this._defaultCommandName = cmd._name;
    if (opts.noHelp || opts.hidden) cmd._hidden = true; // modifying passed command due to existing implementation

    this._registerCommand(cmd);
    cmd.parent = this;
    cmd._checkForBrokenPassThrough();

    return this;
  }

  /**
   * Factory routine to create a new unattached argument.
   *
   * See .argument() for creating an attached argument, which uses this routine to
   * create the argument. You can override createArgument to return a custom argument.
   *
   * @param {string} name
   * @param {string} [description]
   * @return {Argument} new argument
   */

  createArgument(name, description) {
    return new Argument(name, description);
  }

  /**
   * Define argument syntax for command.
   *
   * The default is that the argument is required, and you can explicitly
   * indicate this with <> around the name. Put [] around the name for an optional argument.
   *
   * @example
   * program.argument('<input-file>');
   * program.argument('[output-file]');
   *
   * @param {string} name
   * @param {string} [description]
   * @param {(Function|*)} [parseArg] - custom argument processing function or default value
   * @param {*} [defaultValue]
   * @return {Command} `this` command for chaining
   */
  argument(name, description, parseArg, defaultValue) {
    const argument = this.createArgument(name, description);
    if (typeof parseArg === 'function') {
      argument.default(defaultValue).argParser(parseArg);
    } else {
      argument.default(parseArg);
    }
    this.addArgument(argument);
    return this;
  }

  /**
   * Define argument syntax for command, adding multiple at once (without descriptions).
   *
   * See also .argument().
   *
   * @example
   * program.arguments('<cmd> [env]');
   *
   * @param {string} names
   * @return {Command} `this` command for chaining
   */

  arguments(names) {
    names
      .trim()
      .split(/ +/)
      .forEach((detail) => {
        this.argument(detail);
      });
    return this;
  }

  /**
   * Define argument syntax for command, adding a prepared argument.
   *
   * @param {Argument} argument
   * @return {Command} `this` command for chaining
   */
  addArgument(argument) {
    const previousArgument = this.registeredArguments.slice(-1)[0];
    if (previousArgument?.variadic) {
      throw new Error(
        `only the last argument can be variadic '${previousArgument.name()}'`,
      );
    }
    if (
      argument.required &&
      argument.defaultValue !== undefined &&
      argument.parseArg === undefined
    ) {
      throw new Error(
        `a default value for a required argument is never used: '${argument.name()}'`,
      );
    }
    this.registeredArguments.push(argument);
    return this;
  }

  /**
   * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
   *
   * @example
   *    program.helpCommand('help [cmd]');
   *    program.helpCommand('help [cmd]', 'show help');
   *    program.helpCommand(false); // suppress default help command
   *    program.helpCommand(true); // add help command even if no subcommands
   *
   * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
   * @param {string} [description] - custom description
   * @return {Command} `this` command for chaining
   */

  helpCommand(enableOrNameAndArgs, description) {
    if (typeof enableOrNameAndArgs === 'boolean') {
      this._addImplicitHelpCommand = enableOrNameAndArgs;
      if (enableOrNameAndArgs && this._defaultCommandGroup) {
        // make the command to store the group
        this._initCommandGroup(this._getHelpCommand());
      }
      return this;
    }

    const nameAndArgs = enableOrNameAndArgs ?? 'help [command]';
    const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
    const helpDescription = description ?? 'display help for command';

    const helpCommand = this.createCommand(helpName);
    helpCommand.helpOption(false);
    if (helpArgs) helpCommand.arguments(helpArgs);
    if (helpDescription) helpCommand.description(helpDescription);

    this._addImplicitHelpCommand = true;
    this._helpCommand = helpCommand;
    // init group unless lazy create
    if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);

    return this;
  }

  /**
   * Add prepared custom help command.
   *
   * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
   * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
   * @return {Command} `this` command for chaining
   */
  addHelpCommand(helpCommand, deprecatedDescription) {
    // If not passed an object, call through to helpCommand for backwards compatibility,
    // as addHelpCommand was originally used like helpCommand is now.
    if (typeof helpCommand !== 'object') {
      this.helpCommand(helpCommand, deprecatedDescription);
      return this;
    }

    this._addImplicitHelpCommand = true;
    this._helpCommand = helpCommand;
    this._initCommandGroup(helpCommand);
    return this;
  }

  /**
   * Lazy create help command.
   *
   * @return {(Command|null)}
   * @package
   */
  _getHelpCommand() {
    const hasImplicitHelpCommand =
      this._addImplicitHelpCommand ??
      (this.commands.length &&
        !this._actionHandler &&
        !this._findCommand('help'));

    if (hasImplicitHelpCommand) {
      if (this._helpCommand === undefined) {
        this.helpCommand(undefined, undefined); // use default name and description
      }
      return this._helpCommand;
    }
    return null;
  }

  /**
   * Add hook for life cycle event.
   *
   * @param {string} event
   * @param {Function} listener
   * @return {Command} `this` command for chaining
   */

  hook(event, listener) {
    const allowedValues = ['preSubcommand', 'preAction', 'postAction'];
    if (!allowedValues.includes(event)) {
      throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
    }
    if (this._lifeCycleHooks[event]) {
      this._lifeCycleHooks[event].push(listener);
    } else {
      this._lifeCycleHooks[event] = [listener];
    }
    return this;
  }

  /**
   * Register callback to use as replacement for calling process.exit.
   *
   * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
   * @return {Command} `this` command for chaining
   */

  exitOverride(fn) {
    if (fn) {
      this._exitCallback = fn;
    } else {
      this._exitCallback = (err) => {
        if (err.code !== 'commander.executeSubCommandAsync') {
          throw err;
        } else {
          // Async callback from spawn events, not useful to throw.
        }
      };
    }
    return this;
  }

  /**
   * Call process.exit, and _exitCallback if defined.
   *
   * @param {number} exitCode exit code for using with process.exit
   * @param {string} code an id string representing the error
   * @param {string} message human-readable description of the error
   * @return never
   * @private
   */

  _exit(exitCode, code, message) {
    if (this._exitCallback) {
      this._exitCallback(new CommanderError(exitCode, code, message));
      // Expecting this line is not reached.
    }
    process.exit(exitCode);
  }

  /**
   * Register callback `fn` for the command.
   *
   * @example
   * program
   *   .command('serve')
   *   .description('start service')
   *   .action(function() {
   *      // do work here
   *   });
   *
   * @param {Function} fn
   * @return {Command} `this` command for chaining
   */

  action(fn) {
    const listener = (args) => {
      // The .action callback takes an extra parameter which is the command or options.
      const expectedArgsCount = this.registeredArguments.length;
      const actionArgs = args.slice(0, expectedArgsCount);
      if (this._storeOptionsAsProperties) {
        actionArgs[expectedArgsCount] = this; // backwards compatible "options"
      } else {
        actionArgs[expectedArgsCount] = this.opts();
      }
      actionArgs.push(this);

      return fn.apply(this, actionArgs);
    };
    this._actionHandler = listener;
    return this;
  }

  /**
   * Factory routine to create a new unattached option.
   *
   * See .option() for creating an attached option, which uses this routine to
   * create the option. You can override createOption to return a custom option.
   *
   * @param {string} flags
   * @param {string} [description]
   * @return {Option} new option
   */

  createOption(flags, description) {
    return new Option(flags, description);
  }

  /**
   * Wrap parseArgs to catch 'commander.invalidArgument'.
   *
   * @param {(Option | Argument)} target
   * @param {string} value
   * @param {*} previous
   * @param {string} invalidArgumentMessage
   * @private
   */

  _callParseArg(target, value, previous, invalidArgumentMessage) {
    try {
      return target.parseArg(value, previous);
    } catch (err) {
      if (err.code === 'commander.invalidArgument') {
        const message = `${invalidArgumentMessage} ${err.message}`;
        this.error(message, { exitCode: err.exitCode, code: err.code });
      }
      throw err;
    }
  }

  /**
   * Check for option flag conflicts.
   * Register option if no conflicts found, or throw on conflict.
   *
   * @param {Option} option
   * @private
   */

  _registerOption(option) {
    const matchingOption =
      (option.short && this._findOption(option.short)) ||
      (option.long && this._findOption(option.long));
    if (matchingOption) {
      const matchingFlag =
        option.long && this._findOption(option.long)
          ? option.long
          : option.short;
      throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
    }

    this._initOptionGroup(option);
    this.options.push(option);
  }

  /**
   * Check for command name and alias conflicts with existing commands.
   * Register command if no conflicts found, or throw on conflict.
   *
   * @param {Command} command
   * @private
   */

  _registerCommand(command) {
    const knownBy = (cmd) => {
      return [cmd.name()].concat(cmd.aliases());
    };

    const alreadyUsed = knownBy(command).find((name) =>
      this._findCommand(name),
    );
    if (alreadyUsed) {
      const existingCmd = knownBy(this._findCommand(alreadyUsed)).join('|');
      const newCmd = knownBy(command).join('|');
      throw new Error(
        `cannot add command '${newCmd}' as already have command '${existingCmd}'`,
      );
    }

    this._initCommandGroup(command);
    this.commands.push(command);
  }

  /**
   * Add an option.
   *
   * @param {Option} option
   * @return {Command} `this` command for chaining
   */
  addOption(option) {
    this._registerOption(option);

    const oname = option.name();
    const name = option.attributeName();

    // store default value
    if (option.negate) {
      // --no-foo is special and defaults foo to true, unless a --foo option is already defined
      const positiveLongFlag = option.long.replace(/^--no-/, '--');
      if (!this._findOption(positiveLongFlag)) {
        this.setOptionValueWithSource(
          name,
          option.defaultValue === undefined ? true : option.defaultValue,
          'default',
        );
      }
    } else if (option.defaultValue !== undefined) {
      this.setOptionValueWithSource(name, option.defaultValue, 'default');
    }

    // handler for cli and env supplied values
    const handleOptionValue = (val, invalidValueMessage, valueSource) => {
      // val is null for optional option used without an optional-argument.
      // val is undefined for boolean and negated option.
      if (val == null && option.presetArg !== undefined) {
        val = option.presetArg;
      }

      // custom processing
      const oldValue = this.getOptionValue(name);
      if (val !== null && option.parseArg) {
        val = this._callParseArg(option, val, oldValue, invalidValueMessage);
      } else if (val !== null && option.variadic) {
        val = option._collectValue(val, oldValue);
      }

      // Fill-in appropriate missing values. Long winded but easy to follow.
      if (val == null) {
        if (option.negate) {
          val = false;
        } else if (option.isBoolean() || option.optional) {
          val = true;
        } else {
          val = ''; // not normal, parseArg might have failed or be a mock function for testing
        }
      }
      this.setOptionValueWithSource(name, val, valueSource);
    };

    this.on('option:' + oname, (val) => {
      const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
      handleOptionValue(val, invalidValueMessage, 'cli');
    });

    if (option.envVar) {
      this.on('optionEnv:' + oname, (val) => {
        const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
        handleOptionValue(val, invalidValueMessage, 'env');
      });
    }

    return this;
  }

  /**
   * Internal implementation shared by .option() and .requiredOption()
   *
   * @return {Command} `this` command for chaining
   * @private
   */
  _optionEx(config, flags, description, fn, defaultValue) {
    if (typeof flags === 'object' && flags instanceof Option) {
      throw new Error(
        'To add an Option object use addOption() instead of option() or requiredOption()',
      );
    }
    const option = this.createOption(flags, description);
    option.makeOptionMandatory(!!config.mandatory);
    if (typeof fn === 'function') {
      option.default(defaultValue).argParser(fn);
    } else if (fn instanceof RegExp) {
      // deprecated
      const regex = fn;
      fn = (val, def) => {
        const m = regex.exec(val);
        return m ? m[0] : def;
      };
      option.default(defaultValue).argParser(fn);
    } else {
      option.default(fn);
    }

    return this.addOption(option);
  }

  /**
   * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
   *
   * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
   * option-argument is indicated by `<>` and an optional option-argument by `[]`.
   *
   * See the README for more details, and see also addOption() and requiredOption().
   *
   * @example
   * program
   *     .option('-p, --pepper', 'add pepper')
   *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
   *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
   *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
   *
   * @param {string} flags
   * @param {string} [description]
   * @param {(Function|*)} [parseArg] - custom option processing function or default value
   * @param {*} [defaultValue]
   * @return {Command} `this` command for chaining
   */

  option(flags, description, parseArg, defaultValue) {
    return this._optionEx({}, flags, description, parseArg, defaultValue);
  }

  /**
   * Add a required option which must have a value after parsing. This usually means
   * the option must be specified on the command line. (Otherwise the same as .option().)
   *
   * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
   *
   * @param {string} flags
   * @param {string} [description]
   * @param {(Function|*)} [parseArg] - custom option processing function or default value
   * @param {*} [defaultValue]
   * @return {Command} `this` command for chaining
   */

  requiredOption(flags, description, parseArg, defaultValue) {
    return this._optionEx(
      { mandatory: true },
      flags,
      description,
      parseArg,
      defaultValue,
    );
  }

  /**
   * Alter parsing of short flags with optional values.
   *
   * @example
   * // for `.option('-f,--flag [value]'):
   * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
   * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
   *
   * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
   * @return {Command} `this` command for chaining
   */
  combineFlagAndOptionalValue(combine = true) {
    this._combineFlagAndOptionalValue = !!combine;
    return this;
  }

  /**
   * Allow unknown options on the command line.
   *
   * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
   * @return {Command} `this` command for chaining
   */
  allowUnknownOption(allowUnknown = true) {
    this._allowUnknownOption = !!allowUnknown;
    return this;
  }

  /**
   * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
   *
   * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
   * @return {Command} `this` command for chaining
   */
  allowExcessArguments(allowExcess = true) {
    this._allowExcessArguments = !!allowExcess;
    return this;
  }

  /**
   * Enable positional options. Positional means global options are specified before subcommands which lets
   * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
   * The default behaviour is non-positional and global options may appear anywhere on the command line.
   *
   * @param {boolean} [positional]
   * @return {Command} `this` command for chaining
   */
  enablePositionalOptions(positional = true) {
    this._enablePositionalOptions = !!positional;
    return this;
  }

  /**
   * Pass through options that come after command-arguments rather than treat them as command-options,
   * so actual command-options come before command-arguments. Turning this on for a subcommand requires
   * positional options to have been enabled on the program (parent commands).
   * The default behaviour is non-positional and options may appear before or after command-arguments.
   *
   * @param {boolean} [passThrough] for unknown options.
   * @return {Command} `this` command for chaining
   */
  passThroughOptions(passThrough = true) {
    this._passThroughOptions = !!passThrough;
    this._checkForBrokenPassThrough();
    return this;
  }

  /**
   * @private
   */

  _checkForBrokenPassThrough() {
    if (
      this.parent &&
      this._passThroughOptions &&
      !this.parent._enablePositionalOptions
    ) {
      throw new Error(
        `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`,
      );
    }
  }

  /**
   * Whether to store option values as properties on command object,
   * or store separately (specify false). In both cases the option values can be accessed using .opts().
   *
   * @param {boolean} [storeAsProperties=true]
   * @return {Command} `this` command for chaining
   */

  storeOptionsAsProperties(storeAsProperties = true) {
    if (this.options.length) {
      throw new Error('call .storeOptionsAsProperties() before adding options');
    }
    if (Object.keys(this._optionValues).length) {
      throw new Error(
        'call .storeOptionsAsProperties() before setting option values',
      );
    }
    this._storeOptionsAsProperties = !!storeAsProperties;
    return this;
  }

  /**
   * Retrieve option value.
   *
   * @param {string} key
   * @return {object} value
   */

  getOptionValue(key) {
    if (this._storeOptionsAsProperties) {
      return this[key];
    }
    return this._optionValues[key];
  }

  /**
   * Store option value.
   *
   * @param {string} key
   * @param {object} value
   * @return {Command} `this` command for chaining
   */

  setOptionValue(key, value) {
    return this.setOptionValueWithSource(key, value, undefined);
  }

  /**
   * Store option value and where the value came from.
   *
   * @param {string} key
   * @param {object} value
   * @param {string} source - expected values are default/config/env/cli/implied
   * @return {Command} `this` command for chaining
   */

  setOptionValueWithSource(key, value, source) {
    if (this._storeOptionsAsProperties) {
      this[key] = value;
    } else {
      this._optionValues[key] = value;
    }
    this._optionValueSources[key] = source;
    return this;
  }

  /**
   * Get source of option value.
   * Expected values are default | config | env | cli | implied
   *
   * @param {string} key
   * @return {string}
   */

  getOptionValueSource(key) {
    return this._optionValueSources[key];
  }

  /**
   * Get source of option value. See also .optsWithGlobals().
   * Expected values are default | config | env | cli | implied
   *
   * @param {string} key
   * @return {string}
   */

  getOptionValueSourceWithGlobals(key) {
    // global overwrites local, like optsWithGlobals
    let source;
    this._getCommandAndAncestors().forEach((cmd) => {
      if (cmd.getOptionValueSource(key) !== undefined) {
        source = cmd.getOptionValueSource(key);
      }
    });
    return source;
  }

  /**
   * Get user arguments from implied or explicit arguments.
   * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
   *
   * @private
   */

  _prepareUserArgs(argv, parseOptions) {
    if (argv !== undefined && !Array.isArray(argv)) {
      throw new Error('first parameter to parse must be array or undefined');
    }
    parseOptions = parseOptions || {};

    // auto-detect argument conventions if nothing supplied
    if (argv === undefined && parseOptions.from === undefined) {
      if (process.versions?.electron) {
        parseOptions.from = 'electron';
      }
      // check node specific options for scenarios where user CLI args follow executable without scriptname
      const execArgv = process.execArgv ?? [];
      if (
        execArgv.includes('-e') ||
        execArgv.includes('--eval') ||
        execArgv.includes('-p') ||
        execArgv.includes('--print')
      ) {
        parseOptions.from = 'eval'; // internal usage, not documented
      }
    }

    // default to using process.argv
    if (argv === undefined) {
      argv = process.argv;
    }
    this.rawArgs = argv.slice();

    // extract the user args and scriptPath
    let userArgs;
    switch (parseOptions.from) {
      case undefined:
      case 'node':
        this._scriptPath = argv[1];
        userArgs = argv.slice(2);
        break;
      case 'electron':
        // @ts-ignore: because defaultApp is an unknown property
        if (process.defaultApp) {
          this._scriptPath = argv[1];
          userArgs = argv.slice(2);
        } else {
          userArgs = argv.slice(1);
        }
        break;
      case 'user':
        userArgs = argv.slice(0);
        break;
      case 'eval':
        userArgs = argv.slice(1);
        break;
      default:
        throw new Error(
          `unexpected parse option { from: '${parseOptions.from}' }`,
        );
    }

    // Find default name for program from arguments.
    if (!this._name && this._scriptPath)
      this.nameFromFilename(this._scriptPath);
    this._name = this._name || 'program';

    return userArgs;
  }

  /**
   * Parse `argv`, setting options and invoking commands when defined.
   *
   * Use parseAsync instead of parse if any of your action handlers are async.
   *
   * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
   *
   * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
   * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
   * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
   * - `'user'`: just user arguments
   *
   * @example
   * program.parse(); // parse process.argv and auto-detect electron and special node flags
   * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
   * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
   *
   * @param {string[]} [argv] - optional, defaults to process.argv
   * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
   * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
   * @return {Command} `this` command for chaining
   */

  parse(argv, parseOptions) {
    this._prepareForParse();
    const userArgs = this._prepareUserArgs(argv, parseOptions);
    this._parseCommand([], userArgs);

    return this;
  }

  /**
   * Parse `argv`, setting options and invoking commands when defined.
   *
   * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
   *
   * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
   * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
   * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
   * - `'user'`: just user arguments
   *
   * @example
   * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
   * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
   * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
   *
   * @param {string[]} [argv]
   * @param {object} [parseOptions]
   * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
   * @return {Promise}
   */

  async parseAsync(argv, parseOptions) {
    this._prepareForParse();
    const userArgs = this._prepareUserArgs(argv, parseOptions);
    await this._parseCommand([], userArgs);

    return this;
  }

  _prepareForParse() {
    if (this._savedState === null) {
      this.saveStateBeforeParse();
    } else {
      this.restoreStateBeforeParse();
    }
  }

  /**
   * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
   * Not usually called directly, but available for subclasses to save their custom state.
   *
   * This is called in a lazy way. Only commands used in parsing chain will have state saved.
   */
  saveStateBeforeParse() {
    this._savedState = {
      // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
      _name: this._name,
      // option values before parse have default values (including false for negated options)
      // shallow clones
      _optionValues: { ...this._optionValues },
      _optionValueSources: { ...this._optionValueSources },
    };
  }

  /**
   * Restore state before parse for calls after the first.
   * Not usually called directly, but available for subclasses to save their custom state.
   *
   * This is called in a lazy way. Only commands used in parsing chain will have state restored.
   */
  restoreStateBeforeParse() {
    if (this._storeOptionsAsProperties)
      throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);

    // clear state from _prepareUserArgs
    this._name = this._savedState._name;
    this._scriptPath = null;
    this.rawArgs = [];
    // clear state from setOptionValueWithSource
    this._optionValues = { ...this._savedState._optionValues };
    this._optionValueSources = { ...this._savedState._optionValueSources };
    // clear state from _parseCommand
    this.args = [];
    // clear state from _processArguments
    this.processedArgs = [];
  }

  /**
   * Throw if expected executable is missing. Add lots of help for author.
   *
   * @param {string} executableFile
   * @param {string} executableDir
   * @param {string} subcommandName
   */
  _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
    if (fs.existsSync(executableFile)) return;

    const executableDirMessage = executableDir
      ? `searched for local subcommand relative to directory '${executableDir}'`
      : 'no directory for search for local subcommand, use .executableDir() to supply a custom directory';
    const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
    throw new Error(executableMissing);
  }

  /**
   * Execute a sub-command executable.
   *
   * @private
   */

  _executeSubCommand(subcommand, args) {
    args = args.slice();
    let launchWithNode = false; // Use node for source targets so do not need to get permissions correct, and on Windows.
    const sourceExt = ['.js', '.ts', '.tsx', '.mjs', '.cjs'];

    function findFile(baseDir, baseName) {
      // Look for specified file
      const localBin = path.resolve(baseDir, baseName);
      if (fs.existsSync(localBin)) return localBin;

      // Stop looking if candidate already has an expected extension.
      if (sourceExt.includes(path.extname(baseName))) return undefined;

      // Try all the extensions.
      const foundExt = sourceExt.find((ext) =>
        fs.existsSync(`${localBin}${ext}`),
      );
      if (foundExt) return `${localBin}${foundExt}`;

      return undefined;
    }

    // Not checking for help first. Unlikely to have mandatory and executable, and can't robustly test for help flags in external command.
    this._checkForMissingMandatoryOptions();
    this._checkForConflictingOptions();

    // executableFile and executableDir might be full path, or just a name
    let executableFile =
      subcommand._executableFile || `${this._name}-${subcommand._name}`;
    let executableDir = this._executableDir || '';
    if (this._scriptPath) {
      let resolvedScriptPath; // resolve possible symlink for installed npm binary
      try {
        resolvedScriptPath = fs.realpathSync(this._scriptPath);
      } catch {
        resolvedScriptPath = this._scriptPath;
      }
      executableDir = path.resolve(
        path.dirname(resolvedScriptPath),
        executableDir,
      );
    }

    // Look for a local file in preference to a command in PATH.
    if (executableDir) {
      let localFile = findFile(executableDir, executableFile);

      // Legacy search using prefix of script name instead of command name
      if (!localFile && !subcommand._executableFile && this._scriptPath) {
        const legacyName = path.basename(
          this._scriptPath,
          path.extname(this._scriptPath),
        );
        if (legacyName !== this._name) {
          localFile = findFile(
            executableDir,
            `${legacyName}-${subcommand._name}`,
          );
        }
      }
      executableFile = localFile || executableFile;
    }

    launchWithNode = sourceExt.includes(path.extname(executableFile));

    let proc;
    if (process.platform !== 'win32') {
      if (launchWithNode) {
        args.unshift(executableFile);
        // add executable arguments to spawn
        args = incrementNodeInspectorPort(process.execArgv).concat(args);

        proc = childProcess.spawn(process.argv[0], args, { stdio: 'inherit' });
      } else {
        proc = childProcess.spawn(executableFile, args, { stdio: 'inherit' });
      }
    } else {
      this._checkForMissingExecutable(
        executableFile,
        executableDir,
        subcommand._name,
      );
      args.unshift(executableFile);
      // add executable arguments to spawn
      args = incrementNodeInspectorPort(process.execArgv).concat(args);
      proc = childProcess.spawn(process.execPath, args, { stdio: 'inherit' });
    }

    if (!proc.killed) {
      // testing mainly to avoid leak warnings during unit tests with mocked spawn
      const signals = ['SIGUSR1', 'SIGUSR2', 'SIGTERM', 'SIGINT', 'SIGHUP'];
      signals.forEach((signal) => {
        process.on(signal, () => {
          if (proc.killed === false && proc.exitCode === null) {
            // @ts-ignore because signals not typed to known strings
            proc.kill(signal);
          }
        });
      });
    }

    // By default terminate process when spawned process terminates.
    const exitCallback = this._exitCallback;
    proc.on('close', (code) => {
      code = code ?? 1; // code is null if spawned process terminated due to a signal
      if (!exitCallback) {
        process.exit(code);
      } else {
        exitCallback(
          new CommanderError(
            code,
            'commander.executeSubCommandAsync',
            '(close)',
          ),
        );
      }
    });
    proc.on('error', (err) => {
      // @ts-ignore: because err.code is an unknown property
      if (err.code === 'ENOENT') {
        this._checkForMissingExecutable(
          executableFile,
          executableDir,
          subcommand._name,
        );
        // @ts-ignore: because err.code is an unknown property
      } else if (err.code === 'EACCES') {
        throw new Error(`'${executableFile}' not executable`);
      }
      if (!exitCallback) {
        process.exit(1);
      } else {
        const wrappedError = new CommanderError(
          1,
          'commander.executeSubCommandAsync',
          '(error)',
        );
        wrappedError.nestedError = err;
        exitCallback(wrappedError);
      }
    });

    // Store the reference to the child process
    this.runningCommand = proc;
  }

  /**
   * @private
   */

  _dispatchSubcommand(commandName, operands, unknown) {
    const subCommand = this._findCommand(commandName);
    if (!subCommand) this.help({ error: true });

    subCommand._prepareForParse();
    let promiseChain;
    promiseChain = this._chainOrCallSubCommandHook(
      promiseChain,
      subCommand,
      'preSubcommand',
    );
    promiseChain = this._chainOrCall(promiseChain, () => {
      if (subCommand._executableHandler) {
        this._executeSubCommand(subCommand, operands.concat(unknown));
      } else {
        return subCommand._parseCommand(operands, unknown);
      }
    });
    return promiseChain;
  }

  /**
   * Invoke help directly if possible, or dispatch if necessary.
   * e.g. help foo
   *
   * @private
   */

  _dispatchHelpCommand(subcommandName) {
    if (!subcommandName) {
      this.help();
    }
    const subCommand = this._findCommand(subcommandName);
    if (subCommand && !subCommand._executableHandler) {
      subCommand.help();
    }

    // Fallback to parsing the help flag to invoke the help.
    return this._dispatchSubcommand(
      subcommandName,
      [],
      [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? '--help'],
    );
  }

  /**
   * Check this.args against expected this.registeredArguments.
   *
   * @private
   */

  _checkNumberOfArguments() {
    // too few
    this.registeredArguments.forEach((arg, i) => {
      if (arg.required && this.args[i] == null) {
        this.missingArgument(arg.name());
      }
    });
    // too many
    if (
      this.registeredArguments.length > 0 &&
      this.registeredArguments[this.registeredArguments.length - 1].variadic
    ) {
      return;
    }
    if (this.args.length > this.registeredArguments.length) {
      this._excessArguments(this.args);
    }
  }

  /**
   * Process this.args using this.registeredArguments and save as this.processedArgs!
   *
   * @private
   */

  _processArguments() {
    const myParseArg = (argument, value, previous) => {
      // Extra processing for nice error message on parsing failure.
      let parsedValue = value;
      if (value !== null && argument.parseArg) {
        const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
        parsedValue = this._callParseArg(
          argument,
          value,
          previous,
          invalidValueMessage,
        );
      }
      return parsedValue;
    };

    this._checkNumberOfArguments();

    const processedArgs = [];
    this.registeredArguments.forEach((declaredArg, index) => {
      let value = declaredArg.defaultValue;
      if (declaredArg.variadic) {
        // Collect together remaining arguments for passing together as an array.
        if (index < this.args.length) {
          value = this.args.slice(index);
          if (declaredArg.parseArg) {
            value = value.reduce((processed, v) => {
              return myParseArg(declaredArg, v, processed);
            }, declaredArg.defaultValue);
          }
        } else if (value === undefined) {
          value = [];
        }
      } else if (index < this.args.length) {
        value = this.args[index];
        if (declaredArg.parseArg) {
          value = myParseArg(declaredArg, value, declaredArg.defaultValue);
        }
      }
      processedArgs[index] = value;
    });
    this.processedArgs = processedArgs;
  }

  /**
   * Once we have a promise we chain, but call synchronously until then.
   *
   * @param {(Promise|undefined)} promise
   * @param {Function} fn
   * @return {(Promise|undefined)}
   * @private
   */

  _chainOrCall(promise, fn) {
    // thenable
    if (promise?.then && typeof promise.then === 'function') {
      // already have a promise, chain callback
      return promise.then(() => fn());
    }
    // callback might return a promise
    return fn();
  }

  /**
   *
   * @param {(Promise|undefined)} promise
   * @param {string} event
   * @return {(Promise|undefined)}
   * @private
   */

  _chainOrCallHooks(promise, event) {
    let result = promise;
    const hooks = [];
    this._getCommandAndAncestors()
      .reverse()
      .filter((cmd) => cmd._lifeCycleHooks[event] !== undefined)
      .forEach((hookedCommand) => {
        hookedCommand._lifeCycleHooks[event].forEach((callback) => {
          hooks.push({ hookedCommand, callback });
        });
      });
    if (event === 'postAction') {
      hooks.reverse();
    }

    hooks.forEach((hookDetail) => {
      result = this._chainOrCall(result, () => {
        return hookDetail.callback(hookDetail.hookedCommand, this);
      });
    });
    return result;
  }

  /**
   *
   * @param {(Promise|undefined)} promise
   * @param {Command} subCommand
   * @param {string} event
   * @return {(Promise|undefined)}
   * @private
   */

  _chainOrCallSubCommandHook(promise, subCommand, event) {
    let result = promise;
    if (this._lifeCycleHooks[event] !== undefined) {
      this._lifeCycleHooks[event].forEach((hook) => {
        result = this._chainOrCall(result, () => {
          return hook(this, subCommand);
        });
      });
    }
    return result;
  }

  /**
   * Process arguments in context of this command.
   * Returns action result, in case it is a promise.
   *
   * @private
   */

  _parseCommand(operands, unknown) {
    const parsed = this.parseOptions(unknown);
    this._parseOptionsEnv(); // after cli, so parseArg not called on both cli and env
    this._parseOptionsImplied();
    operands = operands.concat(parsed.operands);
    unknown = parsed.unknown;
    this.args = operands.concat(unknown);

    if (operands && this._findCommand(operands[0])) {
      return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
    }
    if (
      this._getHelpCommand() &&
      operands[0] === this._getHelpCommand().name()
    ) {
      return this._dispatchHelpCommand(operands[1]);
    }
    if (this._defaultCommandName) {
      this._outputHelpIfRequested(unknown); // Run the help for default command from parent rather than passing to default command
      return this._dispatchSubcommand(
        this._defaultCommandName,
        operands,
        unknown,
      );
    }
    if (
      this.commands.length &&
      this.args.length === 0 &&
      !this._actionHandler &&
      !this._defaultCommandName
    ) {
      // probably missing subcommand and no handler, user needs help (and exit)
      this.help({ error: true });
    }

    this._outputHelpIfRequested(parsed.unknown);
    this._checkForMissingMandatoryOptions();
    this._checkForConflictingOptions();

    // We do not always call this check to avoid masking a "better" error, like unknown command.
    const checkForUnknownOptions = () => {
      if (parsed.unknown.length > 0) {
        this.unknownOption(parsed.unknown[0]);
      }
    };

    const commandEvent = `command:${this.name()}`;
    if (this._actionHandler) {
      checkForUnknownOptions();
      this._processArguments();

      let promiseChain;
      promiseChain = this._chainOrCallHooks(promiseChain, 'preAction');
      promiseChain = this._chainOrCall(promiseChain, () =>
        this._actionHandler(this.processedArgs),
      );
      if (this.parent) {
        promiseChain = this._chainOrCall(promiseChain, () => {
          this.parent.emit(commandEvent, operands, unknown); // legacy
        });
      }
      promiseChain = this._chainOrCallHooks(promiseChain, 'postAction');
      return promiseChain;
    }
    if (this.parent?.listenerCount(commandEvent)) {
      checkForUnknownOptions();
      this._processArguments();
      this.parent.emit(commandEvent, operands, unknown); // legacy
    } else if (operands.length) {
      if (this._findCommand('*')) {
        // legacy default command
        return this._dispatchSubcommand('*', operands, unknown);
      }
      if (this.listenerCount('command:*')) {
        // skip option check, emit event for possible misspelling suggestion
        this.emit('command:*', operands, unknown);
      } else if (this.commands.length) {
        this.unknownCommand();
      } else {
        checkForUnknownOptions();
        this._processArguments();
      }
    } else if (this.commands.length) {
      checkForUnknownOptions();
      // This command has subcommands and nothing hooked up at this level, so display help (and exit).
      this.help({ error: true });
    } else {
      checkForUnknownOptions();
      this._processArguments();
      // fall through for caller to handle after calling .parse()
    }
  }

  /**
   * Find matching command.
   *
   * @private
   * @return {Command | undefined}
   */
  _findCommand(name) {
    if (!name) return undefined;
    return this.commands.find(
      (cmd) => cmd._name === name || cmd._aliases.includes(name),
    );
  }

  /**
   * Return an option matching `arg` if any.
   *
   * @param {string} arg
   * @return {Option}
   * @package
   */

  _findOption(arg) {
    return this.options.find((option) => option.is(arg));
  }

  /**
   * Display an error message if a mandatory option does not have a value.
   * Called after checking for help flags in leaf subcommand.
   *
   * @private
   */

  _checkForMissingMandatoryOptions() {
    // Walk up hierarchy so can call in subcommand after checking for displaying help.
    this._getCommandAndAncestors().forEach((cmd) => {
      cmd.options.forEach((anOption) => {
        if (
          anOption.mandatory &&
          cmd.getOptionValue(anOption.attributeName()) === undefined
        ) {
          cmd.missingMandatoryOptionValue(anOption);
        }
      });
    });
  }

  /**
   * Display an error message if conflicting options are used together in this.
   *
   * @private
   */
  _checkForConflictingLocalOptions() {
    const definedNonDefaultOptions = this.options.filter((option) => {
      const optionKey = option.attributeName();
      if (this.getOptionValue(optionKey) === undefined) {
        return false;
      }
      return this.getOptionValueSource(optionKey) !== 'default';
    });

    const optionsWithConflicting = definedNonDefaultOptions.filter(
      (option) => option.conflictsWith.length > 0,
    );

    optionsWithConflicting.forEach((option) => {
      const conflictingAndDefined = definedNonDefaultOptions.find((defined) =>
        option.conflictsWith.includes(defined.attributeName()),
      );
      if (conflictingAndDefined) {
        this._conflictingOption(option, conflictingAndDefined);
      }
    });
  }

  /**
   * Display an error message if conflicting options are used together.
   * Called after checking for help flags in leaf subcommand.
   *
   * @private
   */
  _checkForConflictingOptions() {
    // Walk up hierarchy so can call in subcommand after checking for displaying help.
    this._getCommandAndAncestors().forEach((cmd) => {
      cmd._checkForConflictingLocalOptions();
    });
  }

  /**
   * Parse options from `argv` removing known options,
   * and return argv split into operands and unknown arguments.
   *
   * Side effects: modifies command by storing options. Does not reset state if called again.
   *
   * Examples:
   *
   *     argv => operands, unknown
   *     --known kkk op => [op], []
   *     op --known kkk => [op], []
   *     sub --unknown uuu op => [sub], [--unknown uuu op]
   *     sub -- --unknown uuu op => [sub --unknown uuu op], []
   *
   * @param {string[]} args
   * @return {{operands: string[], unknown: string[]}}
   */

  parseOptions(args) {
    const operands = []; // operands, not options or values
    const unknown = []; // first unknown option and remaining unknown args
    let dest = operands;

    function maybeOption(arg) {
      return arg.length > 1 && arg[0] === '-';
    }

    const negativeNumberArg = (arg) => {
      // return false if not a negative number
      if (!/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(arg)) return false;
      // negative number is ok unless digit used as an option in command hierarchy
      return !this._getCommandAndAncestors().some((cmd) =>
        cmd.options
          .map((opt) => opt.short)
          .some((short) => /^-\d$/.test(short)),
      );
    };

    // parse options
    let activeVariadicOption = null;
    let activeGroup = null; // working through group of short options, like -abc
    let i = 0;
    while (i < args.length || activeGroup) {
      const arg = activeGroup ?? args[i++];
      activeGroup = null;

      // literal
      if (arg === '--') {
        if (dest === unknown) dest.push(arg);
        dest.push(...args.slice(i));
        break;
      }

      if (
        activeVariadicOption &&
        (!maybeOption(arg) || negativeNumberArg(arg))
      ) {
        this.emit(`option:${activeVariadicOption.name()}`, arg);
        continue;
      }
      activeVariadicOption = null;

      if (maybeOption(arg)) {
        const option = this._findOption(arg);
        // recognised option, call listener to assign value with possible custom processing
        if (option) {
          if (option.required) {
            const value = args[i++];
            if (value === undefined) this.optionMissingArgument(option);
            this.emit(`option:${option.name()}`, value);
          } else if (option.optional) {
            let value = null;
            // historical behaviour is optional value is following arg unless an option
            if (
              i < args.length &&
              (!maybeOption(args[i]) || negativeNumberArg(args[i]))
            ) {
              value = args[i++];
            }
            this.emit(`option:${option.name()}`, value);
          } else {
            // boolean flag
            this.emit(`option:${option.name()}`);
          }
          activeVariadicOption = option.variadic ? option : null;
          continue;
        }
      }

      // Look for combo options following single dash, eat first one if known.
      if (arg.length > 2 && arg[0] === '-' && arg[1] !== '-') {
        const option = this._findOption(`-${arg[1]}`);
        if (option) {
          if (
            option.required ||
            (option.optional && this._combineFlagAndOptionalValue)
          ) {
            // option with value following in same argument
            this.emit(`option:${option.name()}`, arg.slice(2));
          } else {
            // boolean option
            this.emit(`option:${option.name()}`);
            // remove the processed option and keep processing group
            activeGroup = `-${arg.slice(2)}`;
          }
          continue;
        }
      }

      // Look for known long flag with value, like --foo=bar
      if (/^--[^=]+=/.test(arg)) {
        const index = arg.indexOf('=');
        const option = this._findOption(arg.slice(0, index));
        if (option && (option.required || option.optional)) {
          this.emit(`option:${option.name()}`, arg.slice(index + 1));
          continue;
        }
      }

      // Not a recognised option by this command.
      // Might be a command-argument, or subcommand option, or unknown option, or help command or option.

      // An unknown option means further arguments also classified as unknown so can be reprocessed by subcommands.
      // A negative number in a leaf command is not an unknown option.
      if (
        dest === operands &&
        maybeOption(arg) &&
        !(this.commands.length === 0 && negativeNumberArg(arg))
      ) {
        dest = unknown;
      }

      // If using positionalOptions, stop processing our options at subcommand.
      if (
        (this._enablePositionalOptions || this._passThroughOptions) &&
        operands.length === 0 &&
        unknown.length === 0
      ) {
        if (this._findCommand(arg)) {
          operands.push(arg);
          unknown.push(...args.slice(i));
          break;
        } else if (
          this._getHelpCommand() &&
          arg === this._getHelpCommand().name()
        ) {
          operands.push(arg, ...args.slice(i));
          break;
        } else if (this._defaultCommandName) {
          unknown.push(arg, ...args.slice(i));
          break;
        }
      }

      // If using passThroughOptions, stop processing options at first command-argument.
      if (this._passThroughOptions) {
        dest.push(arg, ...args.slice(i));
        break;
      }

      // add arg
      dest.push(arg);
    }

    return { operands, unknown };
  }

  /**
   * Return an object containing local option values as key-value pairs.
   *
   * @return {object}
   */
  opts() {
    if (this._storeOptionsAsProperties) {
      // Preserve original behaviour so backwards compatible when still using properties
      const result = {};
      const len = this.options.length;

      for (let i = 0; i < len; i++) {
        const key = this.options[i].attributeName();
        result[key] =
          key === this._versionOptionName ? this._version : this[key];
      }
      return result;
    }

    return this._optionValues;
  }

  /**
   * Return an object containing merged local and global option values as key-value pairs.
   *
   * @return {object}
   */
  optsWithGlobals() {
    // globals overwrite locals
    return this._getCommandAndAncestors().reduce(
      (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
      {},
    );
  }

  /**
   * Display error message and exit (or call exitOverride).
   *
   * @param {string} message
   * @param {object} [errorOptions]
   * @param {string} [errorOptions.code] - an id string representing the error
   * @param {number} [errorOptions.exitCode] - used with process.exit
   */
  error(message, errorOptions) {
    // output handling
    this._outputConfiguration.outputError(
      `${message}\n`,
      this._outputConfiguration.writeErr,
    );
    if (typeof this._showHelpAfterError === 'string') {
      this._outputConfiguration.writeErr(`${this._showHelpAfterError}\n`);
    } else if (this._showHelpAfterError) {
      this._outputConfiguration.writeErr('\n');
      this.outputHelp({ error: true });
    }

    // exit handling
    const config = errorOptions || {};
    const exitCode = config.exitCode || 1;
    const code = config.code || 'commander.error';
    this._exit(exitCode, code, message);
  }

  /**
   * Apply any option related environment variables, if option does
   * not have a value from cli or client code.
   *
   * @private
   */
  _parseOptionsEnv() {
    this.options.forEach((option) => {
      if (option.envVar && option.envVar in process.env) {
        const optionKey = option.attributeName();
        // Priority check. Do not overwrite cli or options from unknown source (client-code).
        if (
          this.getOptionValue(optionKey) === undefined ||
          ['default', 'config', 'env'].includes(
            this.getOptionValueSource(optionKey),
          )
        ) {
          if (option.required || option.optional) {
            // option can take a value
            // keep very simple, optional always takes value
            this.emit(`optionEnv:${option.name()}`, process.env[option.envVar]);
          } else {
            // boolean
            // keep very simple, only care that envVar defined and not the value
            this.emit(`optionEnv:${option.name()}`);
          }
        }
      }
    });
  }

  /**
   * Apply any implied option values, if option is undefined or default value.
   *
   * @private
   */
  _parseOptionsImplied() {
    const dualHelper = new DualOptions(this.options);
    const hasCustomOptionValue = (optionKey) => {
      return (
        this.getOptionValue(optionKey) !== undefined &&
        !['default', 'implied'].includes(this.getOptionValueSource(optionKey))
      );
    };
    this.options
      .filter(
        (option) =>
          option.implied !== undefined &&
          hasCustomOptionValue(option.attributeName()) &&
          dualHelper.valueFromOption(
            this.getOptionValue(option.attributeName()),
            option,
          ),
      )
      .forEach((option) => {
        Object.keys(option.implied)
          .filter((impliedKey) => !hasCustomOptionValue(impliedKey))
          .forEach((impliedKey) => {
            this.setOptionValueWithSource(
              impliedKey,
              option.implied[impliedKey],
              'implied',
            );
          });
      });
  }

  /**
   * Argument `name` is missing.
   *
   * @param {string} name
   * @private
   */

  missingArgument(name) {
    const message = `error: missing required argument '${name}'`;
    this.error(message, { code: 'commander.missingArgument' });
  }

  /**
   * `Option` is missing an argument.
   *
   * @param {Option} option
   * @private
   */

  optionMissingArgument(option) {
    const message = `error: option '${option.flags}' argument missing`;
    this.error(message, { code: 'commander.optionMissingArgument' });
  }

  /**
   * `Option` does not have a value, and is a mandatory option.
   *
   * @param {Option} option
   * @private
   */

  missingMandatoryOptionValue(option) {
    const message = `error: required option '${option.flags}' not specified`;
    this.error(message, { code: 'commander.missingMandatoryOptionValue' });
  }

  /**
   * `Option` conflicts with another option.
   *
   * @param {Option} option
   * @param {Option} conflictingOption
   * @private
   */
  _conflictingOption(option, conflictingOption) {
    // The calling code does not know whether a negated option is the source of the
    // value, so do some work to take an educated guess.
    const findBestOptionFromValue = (option) => {
      const optionKey = option.attributeName();
      const optionValue = this.getOptionValue(optionKey);
      const negativeOption = this.options.find(
        (target) => target.negate && optionKey === target.attributeName(),
      );
      const positiveOption = this.options.find(
        (target) => !target.negate && optionKey === target.attributeName(),
      );
      if (
        negativeOption &&
        ((negativeOption.presetArg === undefined && optionValue === false) ||
          (negativeOption.presetArg !== undefined &&
            optionValue === negativeOption.presetArg))
      ) {
        return negativeOption;
      }
      return positiveOption || option;
    };

    const getErrorMessage = (option) => {
      const bestOption = findBestOptionFromValue(option);
      const optionKey = bestOption.attributeName();
      const source = this.getOptionValueSource(optionKey);
      if (source === 'env') {
        return `environment variable '${bestOption.envVar}'`;
      }
      return `option '${bestOption.flags}'`;
    };

    const message = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
    this.error(message, { code: 'commander.conflictingOption' });
  }

  /**
   * Unknown option `flag`.
   *
   * @param {string} flag
   * @private
   */

  unknownOption(flag) {
    if (this._allowUnknownOption) return;
    let suggestion = '';

    if (flag.startsWith('--') && this._showSuggestionAfterError) {
      // Looping to pick up the global options too
      let candidateFlags = [];
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      let command = this;
      do {
        const moreFlags = command
          .createHelp()
          .visibleOptions(command)
          .filter((option) => option.long)
          .map((option) => option.long);
        candidateFlags = candidateFlags.concat(moreFlags);
        command = command.parent;
      } while (command && !command._enablePositionalOptions);
      suggestion = suggestSimilar(flag, candidateFlags);
    }

    const message = `error: unknown option '${flag}'${suggestion}`;
    this.error(message, { code: 'commander.unknownOption' });
  }

  /**
   * Excess arguments, more than expected.
   *
   * @param {string[]} receivedArgs
   * @private
   */

  _excessArguments(receivedArgs) {
    if (this._allowExcessArguments) return;

    const expected = this.registeredArguments.length;
    const s = expected === 1 ? '' : 's';
    const forSubcommand = this.parent ? ` for '${this.name()}'` : '';
    const message = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${receivedArgs.length}.`;
    this.error(message, { code: 'commander.excessArguments' });
  }

  /**
   * Unknown command.
   *
   * @private
   */

  unknownCommand() {
    const unknownName = this.args[0];
    let suggestion = '';

    if (this._showSuggestionAfterError) {
      const candidateNames = [];
      this.createHelp()
        .visibleCommands(this)
        .forEach((command) => {
          candidateNames.push(command.name());
          // just visible alias
          if (command.alias()) candidateNames.push(command.alias());
        });
      suggestion = suggestSimilar(unknownName, candidateNames);
    }

    const message = `error: unknown command '${unknownName}'${suggestion}`;
    this.error(message, { code: 'commander.unknownCommand' });
  }

  /**
   * Get or set the program version.
   *
   * This method auto-registers the "-V, --version" option which will print the version number.
   *
   * You can optionally supply the flags and description to override the defaults.
   *
   * @param {string} [str]
   * @param {string} [flags]
   * @param {string} [description]
   * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
   */

  version(str, flags, description) {
    if (str === undefined) return this._version;
    this._version = str;
    flags = flags || '-V, --version';
    description = description || 'output the version number';
    const versionOption = this.createOption(flags, description);
    this._versionOptionName = versionOption.attributeName();
    this._registerOption(versionOption);

    this.on('option:' + versionOption.name(), () => {
      this._outputConfiguration.writeOut(`${str}\n`);
      this._exit(0, 'commander.version', str);
    });
    return this;
  }

  /**
   * Set the description.
   *
   * @param {string} [str]
   * @param {object} [argsDescription]
   * @return {(string|Command)}
   */
  description(str, argsDescription) {
    if (str === undefined && argsDescription === undefined)
      return this._description;
    this._description = str;
    if (argsDescription) {
      this._argsDescription = argsDescription;
    }
    return this;
  }

  /**
   * Set the summary. Used when listed as subcommand of parent.
   *
   * @param {string} [str]
   * @return {(string|Command)}
   */
  summary(str) {
    if (str === undefined) return this._summary;
    this._summary = str;
    return this;
  }

  /**
   * Set an alias for the command.
   *
   * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
   *
   * @param {string} [alias]
   * @return {(string|Command)}
   */

  alias(alias) {
    if (alias === undefined) return this._aliases[0]; // just return first, for backwards compatibility

    /** @type {Command} */
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    let command = this;
    if (
      this.commands.length !== 0 &&
      this.commands[this.commands.length - 1]._executableHandler
    ) {
      // assume adding alias for last added executable subcommand, rather than this
      command = this.commands[this.commands.length - 1];
    }

    if (alias === command._name)
      throw new Error("Command alias can't be the same as its name");
    const matchingCommand = this.parent?._findCommand(alias);
    if (matchingCommand) {
      // c.f. _registerCommand
      const existingCmd = [matchingCommand.name()]
        .concat(matchingCommand.aliases())
        .join('|');
      throw new Error(
        `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`,
      );
    }

    command._aliases.push(alias);
    return this;
  }

  /**
   * Set aliases for the command.
   *
   * Only the first alias is shown in the auto-generated help.
   *
   * @param {string[]} [aliases]
   * @return {(string[]|Command)}
   */

  aliases(aliases) {
    // Getter for the array of aliases is the main reason for having aliases() in addition to alias().
    if (aliases === undefined) return this._aliases;

    aliases.forEach((alias) => this.alias(alias));
    return this;
  }

  /**
   * Set / get the command usage `str`.
   *
   * @param {string} [str]
   * @return {(string|Command)}
   */

  usage(str) {
    if (str === undefined) {
      if (this._usage) return this._usage;

      const args = this.registeredArguments.map((arg) => {
        return humanReadableArgName(arg);
      });
      return []
        .concat(
          this.options.length || this._helpOption !== null ? '[options]' : [],
          this.commands.length ? '[command]' : [],
          this.registeredArguments.length ? args : [],
        )
        .join(' ');
    }

    this._usage = str;
    return this;
  }

  /**
   * Get or set the name of the command.
   *
   * @param {string} [str]
   * @return {(string|Command)}
   */

  name(str) {
    if (str === undefined) return this._name;
    this._name = str;
    return this;
  }

  /**
   * Set/get the help group heading for this subcommand in parent command's help.
   *
   * @param {string} [heading]
   * @return {Command | string}
   */

  helpGroup(heading) {
    if (heading === undefined) return this._helpGroupHeading ?? '';
    this._helpGroupHeading = heading;
    return this;
  }

  /**
   * Set/get the default help group heading for subcommands added to this command.
   * (This does not override a group set directly on the subcommand using .helpGroup().)
   *
   * @example
   * program.commandsGroup('Development Commands:);
   * program.command('watch')...
   * program.command('lint')...
   * ...
   *
   * @param {string} [heading]
   * @returns {Command | string}
   */
  commandsGroup(heading) {
    if (heading === undefined) return this._defaultCommandGroup ?? '';
    this._defaultCommandGroup = heading;
    return this;
  }

  /**
   * Set/get the default help group heading for options added to this command.
   * (This does not override a group set directly on the option using .helpGroup().)
   *
   * @example
   * program
   *   .optionsGroup('Development Options:')
   *   .option('-d, --debug', 'output extra debugging')
   *   .option('-p, --profile', 'output profiling information')
   *
   * @param {string} [heading]
   * @returns {Command | string}
   */
  optionsGroup(heading) {
    if (heading === undefined) return this._defaultOptionGroup ?? '';
    this._defaultOptionGroup = heading;
    return this;
  }

  /**
   * @param {Option} option
   * @private
   */
  _initOptionGroup(option) {
    if (this._defaultOptionGroup && !option.helpGroupHeading)
      option.helpGroup(this._defaultOptionGroup);
  }

  /**
   * @param {Command} cmd
   * @private
   */
  _initCommandGroup(cmd) {
    if (this._defaultCommandGroup && !cmd.helpGroup())
      cmd.helpGroup(this._defaultCommandGroup);
  }

  /**
   * Set the name of the command from script filename, such as process.argv[1],
   * or require.main.filename, or __filename.
   *
   * (Used internally and public although not documented in README.)
   *
   * @example
   * program.nameFromFilename(require.main.filename);
   *
   * @param {string} filename
   * @return {Command}
   */

  nameFromFilename(filename) {
    this._name = path.basename(filename, path.extname(filename));

    return this;
  }

  /**
   * Get or set the directory for searching for executable subcommands of this command.
   *
   * @example
   * program.executableDir(__dirname);
   * // or
   * program.executableDir('subcommands');
   *
   * @param {string} [path]
   * @return {(string|null|Command)}
   */

  executableDir(path) {
    if (path === undefined) return this._executableDir;
    this._executableDir = path;
    return this;
  }

  /**
   * Return program help documentation.
   *
   * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
   * @return {string}
   */

  helpInformation(contextOptions) {
    const helper = this.createHelp();
    const context = this._getOutputContext(contextOptions);
    helper.prepareContext({
      error: context.error,
      helpWidth: context.helpWidth,
      outputHasColors: context.hasColors,
    });
    const text = helper.formatHelp(this, helper);
    if (context.hasColors) return text;
    return this._outputConfiguration.stripColor(text);
  }

  /**
   * @typedef HelpContext
   * @type {object}
   * @property {boolean} error
   * @property {number} helpWidth
   * @property {boolean} hasColors
   * @property {function} write - includes stripColor if needed
   *
   * @returns {HelpContext}
   * @private
   */

  _getOutputContext(contextOptions) {
    contextOptions = contextOptions || {};
    const error = !!contextOptions.error;
    let baseWrite;
    let hasColors;
    let helpWidth;
    if (error) {
      baseWrite = (str) => this._outputConfiguration.writeErr(str);
      hasColors = this._outputConfiguration.getErrHasColors();
      helpWidth = this._outputConfiguration.getErrHelpWidth();
    } else {
      baseWrite = (str) => this._outputConfiguration.writeOut(str);
      hasColors = this._outputConfiguration.getOutHasColors();
      helpWidth = this._outputConfiguration.getOutHelpWidth();
    }
    const write = (str) => {
      if (!hasColors) str = this._outputConfiguration.stripColor(str);
      return baseWrite(str);
    };
    return { error, write, hasColors, helpWidth };
  }

  /**
   * Output help information for this command.
   *
   * Outputs built-in help, and custom text added using `.addHelpText()`.
   *
   * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
   */

  outputHelp(contextOptions) {
    let deprecatedCallback;
    if (typeof contextOptions === 'function') {
      deprecatedCallback = contextOptions;
      contextOptions = undefined;
    }

    const outputContext = this._getOutputContext(contextOptions);
    /** @type {HelpTextEventContext} */
    const eventContext = {
      error: outputContext.error,
      write: outputContext.write,
      command: this,
    };

    this._getCommandAndAncestors()
      .reverse()
      .forEach((command) => command.emit('beforeAllHelp', eventContext));
    this.emit('beforeHelp', eventContext);

    let helpInformation = this.helpInformation({ error: outputContext.error });
    if (deprecatedCallback) {
      helpInformation = deprecatedCallback(helpInformation);
      if (
        typeof helpInformation !== 'string' &&
        !Buffer.isBuffer(helpInformation)
      ) {
        throw new Error('outputHelp callback must return a string or a Buffer');
      }
    }
    outputContext.write(helpInformation);

    if (this._getHelpOption()?.long) {
      this.emit(this._getHelpOption().long); // deprecated
    }
    this.emit('afterHelp', eventContext);
    this._getCommandAndAncestors().forEach((command) =>
      command.emit('afterAllHelp', eventContext),
    );
  }

  /**
   * You can pass in flags and a description to customise the built-in help option.
   * Pass in false to disable the built-in help option.
   *
   * @example
   * program.helpOption('-?, --help' 'show help'); // customise
   * program.helpOption(false); // disable
   *
   * @param {(string | boolean)} flags
   * @param {string} [description]
   * @return {Command} `this` command for chaining
   */

  helpOption(flags, description) {
    // Support enabling/disabling built-in help option.
    if (typeof flags === 'boolean') {
      if (flags) {
        if (this._helpOption === null) this._helpOption = undefined; // reenable
        if (this._defaultOptionGroup) {
          // make the option to store the group
          this._initOptionGroup(this._getHelpOption());
        }
      } else {
        this._helpOption = null; // disable
      }
      return this;
    }

    // Customise flags and description.
    this._helpOption = this.createOption(
      flags ?? '-h, --help',
      description ?? 'display help for command',
    );
    // init group unless lazy create
    if (flags || description) this._initOptionGroup(this._helpOption);

    return this;
  }

  /**
   * Lazy create help option.
   * Returns null if has been disabled with .helpOption(false).
   *
   * @returns {(Option | null)} the help option
   * @package
   */
  _getHelpOption() {
    // Lazy create help option on demand.
    if (this._helpOption === undefined) {
      this.helpOption(undefined, undefined);
    }
    return this._helpOption;
  }

  /**
   * Supply your own option to use for the built-in help option.
   * This is an alternative to using helpOption() to customise the flags and description etc.
   *
   * @param {Option} option
   * @return {Command} `this` command for chaining
   */
  addHelpOption(option) {
    this._helpOption = option;
    this._initOptionGroup(option);
    return this;
  }

  /**
   * Output help information and exit.
   *
   * Outputs built-in help, and custom text added using `.addHelpText()`.
   *
   * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
   */

  help(contextOptions) {
    this.outputHelp(contextOptions);
    let exitCode = Number(process.exitCode ?? 0); // process.exitCode does allow a string or an integer, but we prefer just a number
    if (
      exitCode === 0 &&
      contextOptions &&
      typeof contextOptions !== 'function' &&
      contextOptions.error
    ) {
      exitCode = 1;
    }
    // message: do not have all displayed text available so only passing placeholder.
    this._exit(exitCode, 'commander.help', '(outputHelp)');
  }

  /**
   * // Do a little typing to coordinate emit and listener for the help text events.
   * @typedef HelpTextEventContext
   * @type {object}
   * @property {boolean} error
   * @property {Command} command
   * @property {function} write
   */

  /**
   * Add additional text to be displayed with the built-in help.
   *
   * Position is 'before' or 'after' to affect just this command,
   * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
   *
   * @param {string} position - before or after built-in help
   * @param {(string | Function)} text - string to add, or a function returning a string
   * @return {Command} `this` command for chaining
   */

  addHelpText(position, text) {
    const allowedValues = ['beforeAll', 'before', 'after', 'afterAll'];
    if (!allowedValues.includes(position)) {
      throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
    }

    const helpEvent = `${position}Help`;
    this.on(helpEvent, (/** @type {HelpTextEventContext} */ context) => {
      let helpStr;
      if (typeof text === 'function') {
        helpStr = text({ error: context.error, command: context.command });
      } else {
        helpStr = text;
      }
      // Ignore falsy value when nothing to output.
      if (helpStr) {
        context.write(`${helpStr}\n`);
      }
    });
    return this;
  }

  /**
   * Output help information if help flags specified
   *
   * @param {Array} args - array of options to search for help flags
   * @private
   */

  _outputHelpIfRequested(args) {
    const helpOption = this._getHelpOption();
    const helpRequested = helpOption && args.find((arg) => helpOption.is(arg));
    if (helpRequested) {
      this.outputHelp();
      // (Do not have all displayed text available so only passing placeholder.)
      this._exit(0, 'commander.helpDisplayed', '(outputHelp)');
    }
  }
}

/**
 * Scan arguments and increment port number for inspect calls (to avoid conflicts when spawning new command).
 *
 * @param {string[]} args - array of arguments from node.execArgv
 * @returns {string[]}
 * @private
 */

function incrementNodeInspectorPort(args) {
  // Testing for these options:
  //  --inspect[=[host:]port]
  //  --inspect-brk[=[host:]port]
  //  --inspect-port=[host:]port
  return args.map((arg) => {
    if (!arg.startsWith('--inspect')) {
      return arg;
    }
    let debugOption;
    let debugHost = '127.0.0.1';
    let debugPort = '9229';
    let match;
    if ((match = arg.match(/^(--inspect(-brk)?)$/)) !== null) {
      // e.g. --inspect
      debugOption = match[1];
    } else if (
      (match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+)$/)) !== null
    ) {
      debugOption = match[1];
      if (/^\d+$/.test(match[3])) {
        // e.g. --inspect=1234
        debugPort = match[3];
      } else {
        // e.g. --inspect=localhost
        debugHost = match[3];
      }
    } else if (
      (match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/)) !== null
    ) {
      // e.g. --inspect=localhost:1234
      debugOption = match[1];
      debugHost = match[3];
      debugPort = match[4];
    }

    if (debugOption && debugPort !== '0') {
      return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
    }
    return arg;
  });
}

/**
 * @returns {boolean | undefined}
 * @package
 */
function useColor() {
  // Test for common conventions.
  // NB: the observed behaviour is in combination with how author adds color! For example:
  //   - we do not test NODE_DISABLE_COLORS, but util:styletext does
  //   - we do test NO_COLOR, but Chalk does not
  //
  // References:
  // https://no-color.org
  // https://bixense.com/clicolors/
  // https://github.com/nodejs/node/blob/0a00217a5f67ef4a22384cfc80eb6dd9a917fdc1/lib/internal/tty.js#L109
  // https://github.com/chalk/supports-color/blob/c214314a14bcb174b12b3014b2b0a8de375029ae/index.js#L33
  // (https://force-color.org recent web page from 2023, does not match major javascript implementations)

  if (
    process.env.NO_COLOR ||
    process.env.FORCE_COLOR === '0' ||
    process.env.FORCE_COLOR === 'false'
  )
    return false;
  if (process.env.FORCE_COLOR || process.env.CLICOLOR_FORCE !== undefined)
    return true;
  return undefined;
}

exports.Command = Command;
exports.useColor = useColor; // exporting for tests


/***/ }),

/***/ 1135:
/***/ ((__unused_webpack_module, exports) => {

/**
 * CommanderError class
 */
class CommanderError extends Error {
  /**
   * Constructs the CommanderError class
   * @param {number} exitCode suggested exit code which could be used with process.exit
   * @param {string} code an id string representing the error
   * @param {string} message human-readable description of the error
   */
  constructor(exitCode, code, message) {
    super(message);
    // properly capture stack trace in Node.js
    Error.captureStackTrace(this, this.constructor);
    this.name = this.constructor.name;
    this.code = code;
    this.exitCode = exitCode;
    this.nestedError = undefined;
  }
}

/**
 * InvalidArgumentError class
 */
class InvalidArgumentError extends CommanderError {
  /**
   * Constructs the InvalidArgumentError class
   * @param {string} [message] explanation of why argument is invalid
   */
  constructor(message) {
    super(1, 'commander.invalidArgument', message);
    // properly capture stack trace in Node.js
    Error.captureStackTrace(this, this.constructor);
    this.name = this.constructor.name;
  }
}

exports.CommanderError = CommanderError;
exports.InvalidArgumentError = InvalidArgumentError;


/***/ }),

/***/ 9754:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

const { humanReadableArgName } = __nccwpck_require__(9154);

/**
 * TypeScript import types for JSDoc, used by Visual Studio Code IntelliSense and `npm run typescript-checkJS`
 * https://www.typescriptlang.org/docs/handbook/jsdoc-supported-types.html#import-types
 * @typedef { import("./argument.js").Argument } Argument
 * @typedef { import("./command.js").Command } Command
 * @typedef { import("./option.js").Option } Option
 */

// Although this is a class, methods are static in style to allow override using subclass or just functions.
class Help {
  constructor() {
    this.helpWidth = undefined;
    this.minWidthToWrap = 40;
    this.sortSubcommands = false;
    this.sortOptions = false;
    this.showGlobalOptions = false;
  }

  /**
   * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
   * and just before calling `formatHelp()`.
   *
   * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
   *
   * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
   */
  prepareContext(contextOptions) {
    this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
  }

  /**
   * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
   *
   * @param {Command} cmd
   * @returns {Command[]}
   */

  visibleCommands(cmd) {
    const visibleCommands = cmd.commands.filter((cmd) => !cmd._hidden);
    const helpCommand = cmd._getHelpCommand();
    if (helpCommand && !helpCommand._hidden) {
      visibleCommands.push(helpCommand);
    }
    if (this.sortSubcommands) {
      visibleCommands.sort((a, b) => {
        // @ts-ignore: because overloaded return type
        return a.name().localeCompare(b.name());
      });
    }
    return visibleCommands;
  }

  /**
   * Compare options for sort.
   *
   * @param {Option} a
   * @param {Option} b
   * @returns {number}
   */
  compareOptions(a, b) {
    const getSortKey = (option) => {
      // WYSIWYG for order displayed in help. Short used for comparison if present. No special handling for negated.
      return option.short
        ? option.short.replace(/^-/, '')
        : option.long.replace(/^--/, '');
    };
    return getSortKey(a).localeCompare(getSortKey(b));
  }

  /**
   * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
   *
   * @param {Command} cmd
   * @returns {Option[]}
   */

  visibleOptions(cmd) {
    const visibleOptions = cmd.options.filter((option) => !option.hidden);
    // Built-in help option.
    const helpOption = cmd._getHelpOption();
    if (helpOption && !helpOption.hidden) {
      // Automatically hide conflicting flags. Bit dubious but a historical behaviour that is convenient for single-command programs.
      const removeShort = helpOption.short && cmd._findOption(helpOption.short);
      const removeLong = helpOption.long && cmd._findOption(helpOption.long);
      if (!removeShort && !removeLong) {
        visibleOptions.push(helpOption); // no changes needed
      } else if (helpOption.long && !removeLong) {
        visibleOptions.push(
          cmd.createOption(helpOption.long, helpOption.description),
        );
      } else if (helpOption.short && !removeShort) {
        visibleOptions.push(
          cmd.createOption(helpOption.short, helpOption.description),
        );
      }
    }
    if (this.sortOptions) {
      visibleOptions.sort(this.compareOptions);
    }
    return visibleOptions;
  }

  /**
   * Get an array of the visible global options. (Not including help.)
   *
   * @param {Command} cmd
   * @returns {Option[]}
   */

  visibleGlobalOptions(cmd) {
    if (!this.showGlobalOptions) return [];

    const globalOptions = [];
    for (
      let ancestorCmd = cmd.parent;
      ancestorCmd;
      ancestorCmd = ancestorCmd.parent
    ) {
      const visibleOptions = ancestorCmd.options.filter(
        (option) => !option.hidden,
      );
      globalOptions.push(...visibleOptions);
    }
    if (this.sortOptions) {
      globalOptions.sort(this.compareOptions);
    }
    return globalOptions;
  }

  /**
   * Get an array of the arguments if any have a description.
   *
   * @param {Command} cmd
   * @returns {Argument[]}
   */

  visibleArguments(cmd) {
    // Side effect! Apply the legacy descriptions before the arguments are displayed.
    if (cmd._argsDescription) {
      cmd.registeredArguments.forEach((argument) => {
        argument.description =
          argument.description || cmd._argsDescription[argument.name()] || '';
      });
    }

    // If there are any arguments with a description then return all the arguments.
    if (cmd.registeredArguments.find((argument) => argument.description)) {
      return cmd.registeredArguments;
    }
    return [];
  }

  /**
   * Get the command term to show in the list of subcommands.
   *
   * @param {Command} cmd
   * @returns {string}
   */

  subcommandTerm(cmd) {
    // Legacy. Ignores custom usage string, and nested commands.
    const args = cmd.registeredArguments
      .map((arg) => humanReadableArgName(arg))
      .join(' ');
    return (
      cmd._name +
      (cmd._aliases[0] ? '|' + cmd._aliases[0] : '') +
      (cmd.options.length ? ' [options]' : '') + // simplistic check for non-help option
      (args ? ' ' + args : '')
    );
  }

  /**
   * Get the option term to show in the list of options.
   *
   * @param {Option} option
   * @returns {string}
   */

  optionTerm(option) {
    return option.flags;
  }

  /**
   * Get the argument term to show in the list of arguments.
   *
   * @param {Argument} argument
   * @returns {string}
   */

  argumentTerm(argument) {
    return argument.name();
  }

  /**
   * Get the longest command term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  longestSubcommandTermLength(cmd, helper) {
    return helper.visibleCommands(cmd).reduce((max, command) => {
      return Math.max(
        max,
        this.displayWidth(
          helper.styleSubcommandTerm(helper.subcommandTerm(command)),
        ),
      );
    }, 0);
  }

  /**
   * Get the longest option term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  longestOptionTermLength(cmd, helper) {
    return helper.visibleOptions(cmd).reduce((max, option) => {
      return Math.max(
        max,
        this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option))),
      );
    }, 0);
  }

  /**
   * Get the longest global option term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  longestGlobalOptionTermLength(cmd, helper) {
    return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
      return Math.max(
        max,
        this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option))),
      );
    }, 0);
  }

  /**
   * Get the longest argument term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  longestArgumentTermLength(cmd, helper) {
    return helper.visibleArguments(cmd).reduce((max, argument) => {
      return Math.max(
        max,
        this.displayWidth(
          helper.styleArgumentTerm(helper.argumentTerm(argument)),
        ),
      );
    }, 0);
  }

  /**
   * Get the command usage to be displayed at the top of the built-in help.
   *
   * @param {Command} cmd
   * @returns {string}
   */

  commandUsage(cmd) {
    // Usage
    let cmdName = cmd._name;
    if (cmd._aliases[0]) {
      cmdName = cmdName + '|' + cmd._aliases[0];
    }
    let ancestorCmdNames = '';
    for (
      let ancestorCmd = cmd.parent;
      ancestorCmd;
      ancestorCmd = ancestorCmd.parent
    ) {
      ancestorCmdNames = ancestorCmd.name() + ' ' + ancestorCmdNames;
    }
    return ancestorCmdNames + cmdName + ' ' + cmd.usage();
  }

  /**
   * Get the description for the command.
   *
   * @param {Command} cmd
   * @returns {string}
   */

  commandDescription(cmd) {
    // @ts-ignore: because overloaded return type
    return cmd.description();
  }

  /**
   * Get the subcommand summary to show in the list of subcommands.
   * (Fallback to description for backwards compatibility.)
   *
   * @param {Command} cmd
   * @returns {string}
   */

  subcommandDescription(cmd) {
    // @ts-ignore: because overloaded return type
    return cmd.summary() || cmd.description();
  }

  /**
   * Get the option description to show in the list of options.
   *
   * @param {Option} option
   * @return {string}
   */

  optionDescription(option) {
    const extraInfo = [];

    if (option.argChoices) {
      extraInfo.push(
        // use stringify to match the display of the default value
        `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(', ')}`,
      );
    }
    if (option.defaultValue !== undefined) {
      // default for boolean and negated more for programmer than end user,
      // but show true/false for boolean option as may be for hand-rolled env or config processing.
      const showDefault =
        option.required ||
        option.optional ||
        (option.isBoolean() && typeof option.defaultValue === 'boolean');
      if (showDefault) {
        extraInfo.push(
          `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`,
        );
      }
    }
    // preset for boolean and negated are more for programmer than end user
    if (option.presetArg !== undefined && option.optional) {
      extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
    }
    if (option.envVar !== undefined) {
      extraInfo.push(`env: ${option.envVar}`);
    }
    if (extraInfo.length > 0) {
      const extraDescription = `(${extraInfo.join(', ')})`;
      if (option.description) {
        return `${option.description} ${extraDescription}`;
      }
      return extraDescription;
    }

    return option.description;
  }

  /**
   * Get the argument description to show in the list of arguments.
   *
   * @param {Argument} argument
   * @return {string}
   */

  argumentDescription(argument) {
    const extraInfo = [];
    if (argument.argChoices) {
      extraInfo.push(
        // use stringify to match the display of the default value
        `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(', ')}`,
      );
    }
    if (argument.defaultValue !== undefined) {
      extraInfo.push(
        `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`,
      );
    }
    if (extraInfo.length > 0) {
      const extraDescription = `(${extraInfo.join(', ')})`;
      if (argument.description) {
        return `${argument.description} ${extraDescription}`;
      }
      return extraDescription;
    }
    return argument.description;
  }

  /**
   * Format a list of items, given a heading and an array of formatted items.
   *
   * @param {string} heading
   * @param {string[]} items
   * @param {Help} helper
   * @returns string[]
   */
  formatItemList(heading, items, helper) {
    if (items.length === 0) return [];

    return [helper.styleTitle(heading), ...items, ''];
  }

  /**
   * Group items by their help group heading.
   *
   * @param {Command[] | Option[]} unsortedItems
   * @param {Command[] | Option[]} visibleItems
   * @param {Function} getGroup
   * @returns {Map<string, Command[] | Option[]>}
   */
  groupItems(unsortedItems, visibleItems, getGroup) {
    const result = new Map();
    // Add groups in order of appearance in unsortedItems.
    unsortedItems.forEach((item) => {
      const group = getGroup(item);
      if (!result.has(group)) result.set(group, []);
    });
    // Add items in order of appearance in visibleItems.
    visibleItems.forEach((item) => {
      const group = getGroup(item);
      if (!result.has(group)) {
        result.set(group, []);
      }
      result.get(group).push(item);
    });
    return result;
  }

  /**
   * Generate the built-in help text.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {string}
   */

  formatHelp(cmd, helper) {
    const termWidth = helper.padWidth(cmd, helper);
    const helpWidth = helper.helpWidth ?? 80; // in case prepareContext() was not called

    function callFormatItem(term, description) {
      return helper.formatItem(term, termWidth, description, helper);
    }

    // Usage
    let output = [
      `${helper.styleTitle('Usage:')} ${helper.styleUsage(helper.commandUsage(cmd))}`,
      '',
    ];

    // Description
    const commandDescription = helper.commandDescription(cmd);
    if (commandDescription.length > 0) {
      output = output.concat([
        helper.boxWrap(
          helper.styleCommandDescription(commandDescription),
          helpWidth,
        ),
        '',
      ]);
    }

    // Arguments
    const argumentList = helper.visibleArguments(cmd).map((argument) => {
      return callFormatItem(
        helper.styleArgumentTerm(helper.argumentTerm(argument)),
        helper.styleArgumentDescription(helper.argumentDescription(argument)),
      );
    });
    output = output.concat(
      this.formatItemList('Arguments:', argumentList, helper),
    );

    // Options
    const optionGroups = this.groupItems(
      cmd.options,
      helper.visibleOptions(cmd),
      (option) => option.helpGroupHeading ?? 'Options:',
    );
    optionGroups.forEach((options, group) => {
      const optionList = options.map((option) => {
        return callFormatItem(
          helper.styleOptionTerm(helper.optionTerm(option)),
          helper.styleOptionDescription(helper.optionDescription(option)),
        );
      });
      output = output.concat(this.formatItemList(group, optionList, helper));
    });

    if (helper.showGlobalOptions) {
      const globalOptionList = helper
        .visibleGlobalOptions(cmd)
        .map((option) => {
          return callFormatItem(
            helper.styleOptionTerm(helper.optionTerm(option)),
            helper.styleOptionDescription(helper.optionDescription(option)),
          );
        });
      output = output.concat(
        this.formatItemList('Global Options:', globalOptionList, helper),
      );
    }

    // Commands
    const commandGroups = this.groupItems(
      cmd.commands,
      helper.visibleCommands(cmd),
      (sub) => sub.helpGroup() || 'Commands:',
    );
    commandGroups.forEach((commands, group) => {
      const commandList = commands.map((sub) => {
        return callFormatItem(
          helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
          helper.styleSubcommandDescription(helper.subcommandDescription(sub)),
        );
      });
      output = output.concat(this.formatItemList(group, commandList, helper));
    });

    return output.join('\n');
  }

  /**
   * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
   *
   * @param {string} str
   * @returns {number}
   */
  displayWidth(str) {
    return stripColor(str).length;
  }

  /**
   * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
   *
   * @param {string} str
   * @returns {string}
   */
  styleTitle(str) {
    return str;
  }

  styleUsage(str) {
    // Usage has lots of parts the user might like to color separately! Assume default usage string which is formed like:
    //    command subcommand [options] [command] <foo> [bar]
    return str
      .split(' ')
      .map((word) => {
        if (word === '[options]') return this.styleOptionText(word);
        if (word === '[command]') return this.styleSubcommandText(word);
        if (word[0] === '[' || word[0] === '<')
          return this.styleArgumentText(word);
        return this.styleCommandText(word); // Restrict to initial words?
      })
      .join(' ');
  }
  styleCommandDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleOptionDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleSubcommandDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleArgumentDescription(str) {
    return this.styleDescriptionText(str);
  }
  styleDescriptionText(str) {
    return str;
  }
  styleOptionTerm(str) {
    return this.styleOptionText(str);
  }
  styleSubcommandTerm(str) {
    // This is very like usage with lots of parts! Assume default string which is formed like:
    //    subcommand [options] <foo> [bar]
    return str
      .split(' ')
      .map((word) => {
        if (word === '[options]') return this.styleOptionText(word);
        if (word[0] === '[' || word[0] === '<')
          return this.styleArgumentText(word);
        return this.styleSubcommandText(word); // Restrict to initial words?
      })
      .join(' ');
  }
  styleArgumentTerm(str) {
    return this.styleArgumentText(str);
  }
  styleOptionText(str) {
    return str;
  }
  styleArgumentText(str) {
    return str;
  }
  styleSubcommandText(str) {
    return str;
  }
  styleCommandText(str) {
    return str;
  }

  /**
   * Calculate the pad width from the maximum term length.
   *
   * @param {Command} cmd
   * @param {Help} helper
   * @returns {number}
   */

  padWidth(cmd, helper) {
    return Math.max(
      helper.longestOptionTermLength(cmd, helper),
      helper.longestGlobalOptionTermLength(cmd, helper),
      helper.longestSubcommandTermLength(cmd, helper),
      helper.longestArgumentTermLength(cmd, helper),
    );
  }

  /**
   * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
   *
   * @param {string} str
   * @returns {boolean}
   */
  preformatted(str) {
    return /\n[^\S\r\n]/.test(str);
  }

  /**
   * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
   *
   * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
   *   TTT  DDD DDDD
   *        DD DDD
   *
   * @param {string} term
   * @param {number} termWidth
   * @param {string} description
   * @param {Help} helper
   * @returns {string}
   */
  formatItem(term, termWidth, description, helper) {
    const itemIndent = 2;
    const itemIndentStr = ' '.repeat(itemIndent);
    if (!description) return itemIndentStr + term;

    // Pad the term out to a consistent width, so descriptions are aligned.
    const paddedTerm = term.padEnd(
      termWidth + term.length - helper.displayWidth(term),
    );

    // Format the description.
    const spacerWidth = 2; // between term and description
    const helpWidth = this.helpWidth ?? 80; // in case prepareContext() was not called
    const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
    let formattedDescription;
    if (
      remainingWidth < this.minWidthToWrap ||
      helper.preformatted(description)
    ) {
      formattedDescription = description;
    } else {
      const wrappedDescription = helper.boxWrap(description, remainingWidth);
      formattedDescription = wrappedDescription.replace(
        /\n/g,
        '\n' + ' '.repeat(termWidth + spacerWidth),
      );
    }

    // Construct and overall indent.
    return (
      itemIndentStr +
      paddedTerm +
      ' '.repeat(spacerWidth) +
      formattedDescription.replace(/\n/g, `\n${itemIndentStr}`)
    );
  }

  /**
   * Wrap a string at whitespace, preserving existing line breaks.
   * Wrapping is skipped if the width is less than `minWidthToWrap`.
   *
   * @param {string} str
   * @param {number} width
   * @returns {string}
   */
  boxWrap(str, width) {
    if (width < this.minWidthToWrap) return str;

    const rawLines = str.split(/\r\n|\n/);
    // split up text by whitespace
    const chunkPattern = /[\s]*[^\s]+/g;
    const wrappedLines = [];
    rawLines.forEach((line) => {
      const chunks = line.match(chunkPattern);
      if (chunks === null) {
        wrappedLines.push('');
        return;
      }

      let sumChunks = [chunks.shift()];
      let sumWidth = this.displayWidth(sumChunks[0]);
      chunks.forEach((chunk) => {
        const visibleWidth = this.displayWidth(chunk);
        // Accumulate chunks while they fit into width.
        if (sumWidth + visibleWidth <= width) {
          sumChunks.push(chunk);
          sumWidth += visibleWidth;
          return;
        }
        wrappedLines.push(sumChunks.join(''));

        const nextChunk = chunk.trimStart(); // trim space at line break
        sumChunks = [nextChunk];
        sumWidth = this.displayWidth(nextChunk);
      });
      wrappedLines.push(sumChunks.join(''));
    });

    return wrappedLines.join('\n');
  }
}

/**
 * Strip style ANSI escape sequences from the string. In particular, SGR (Select Graphic Rendition) codes.
 *
 * @param {string} str
 * @returns {string}
 * @package
 */

function stripColor(str) {
  // eslint-disable-next-line no-control-regex
  const sgrPattern = /\x1b\[\d*(;\d*)*m/g;
  return str.replace(sgrPattern, '');
}

exports.Help = Help;
exports.stripColor = stripColor;


/***/ }),

/***/ 5240:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

const { InvalidArgumentError } = __nccwpck_require__(1135);

class Option {
  /**
   * Initialize a new `Option` with the given `flags` and `description`.
   *
   * @param {string} flags
   * @param {string} [description]
   */

  constructor(flags, description) {
    this.flags = flags;
    this.description = description || '';

    this.required = flags.includes('<'); // A value must be supplied when the option is specified.
    this.optional = flags.includes('['); // A value is optional when the option is specified.
    // variadic test ignores <value,...> et al which might be used to describe custom splitting of single argument
    this.variadic = /\w\.\.\.[>\]]$/.test(flags); // The option can take multiple values.
    this.mandatory = false; // The option must have a value after parsing, which usually means it must be specified on command line.
    const optionFlags = splitOptionFlags(flags);
    this.short = optionFlags.shortFlag; // May be a short flag, undefined, or even a long flag (if option has two long flags).
    this.long = optionFlags.longFlag;
    this.negate = false;
    if (this.long) {
      this.negate = this.long.startsWith('--no-');
    }
    this.defaultValue = undefined;
    this.defaultValueDescription = undefined;
    this.presetArg = undefined;
    this.envVar = undefined;
    this.parseArg = undefined;
    this.hidden = false;
    this.argChoices = undefined;
    this.conflictsWith = [];
    this.implied = undefined;
    this.helpGroupHeading = undefined; // soft initialised when option added to command
  }

  /**
   * Set the default value, and optionally supply the description to be displayed in the help.
   *
   * @param {*} value
   * @param {string} [description]
   * @return {Option}
   */

  default(value, description) {
    this.defaultValue = value;
    this.defaultValueDescription = description;
    return this;
  }

  /**
   * Preset to use when option used without option-argument, especially optional but also boolean and negated.
   * The custom processing (parseArg) is called.
   *
   * @example
   * new Option('--color').default('GREYSCALE').preset('RGB');
   * new Option('--donate [amount]').preset('20').argParser(parseFloat);
   *
   * @param {*} arg
   * @return {Option}
   */

  preset(arg) {
    this.presetArg = arg;
    return this;
  }

  /**
   * Add option name(s) that conflict with this option.
   * An error will be displayed if conflicting options are found during parsing.
   *
   * @example
   * new Option('--rgb').conflicts('cmyk');
   * new Option('--js').conflicts(['ts', 'jsx']);
   *
   * @param {(string | string[])} names
   * @return {Option}
   */

  conflicts(names) {
    this.conflictsWith = this.conflictsWith.concat(names);
    return this;
  }

  /**
   * Specify implied option values for when this option is set and the implied options are not.
   *
   * The custom processing (parseArg) is not called on the implied values.
   *
   * @example
   * program
   *   .addOption(new Option('--log', 'write logging information to file'))
   *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
   *
   * @param {object} impliedOptionValues
   * @return {Option}
   */
  implies(impliedOptionValues) {
    let newImplied = impliedOptionValues;
    if (typeof impliedOptionValues === 'string') {
      // string is not documented, but easy mistake and we can do what user probably intended.
      newImplied = { [impliedOptionValues]: true };
    }
    this.implied = Object.assign(this.implied || {}, newImplied);
    return this;
  }

  /**
   * Set environment variable to check for option value.
   *
   * An environment variable is only used if when processed the current option value is
   * undefined, or the source of the current value is 'default' or 'config' or 'env'.
   *
   * @param {string} name
   * @return {Option}
   */

  env(name) {
    this.envVar = name;
    return this;
  }

  /**
   * Set the custom handler for processing CLI option arguments into option values.
   *
   * @param {Function} [fn]
   * @return {Option}
   */

  argParser(fn) {
    this.parseArg = fn;
    return this;
  }

  /**
   * Whether the option is mandatory and must have a value after parsing.
   *
   * @param {boolean} [mandatory=true]
   * @return {Option}
   */

  makeOptionMandatory(mandatory = true) {
    this.mandatory = !!mandatory;
    return this;
  }

  /**
   * Hide option in help.
   *
   * @param {boolean} [hide=true]
   * @return {Option}
   */

  hideHelp(hide = true) {
    this.hidden = !!hide;
    return this;
  }

  /**
   * @package
   */

  _collectValue(value, previous) {
    if (previous === this.defaultValue || !Array.isArray(previous)) {
      return [value];
    }

    previous.push(value);
    return previous;
  }

  /**
   * Only allow option value to be one of choices.
   *
   * @param {string[]} values
   * @return {Option}
   */

  choices(values) {
    this.argChoices = values.slice();
    this.parseArg = (arg, previous) => {
      if (!this.argChoices.includes(arg)) {
        throw new InvalidArgumentError(
          `Allowed choices are ${this.argChoices.join(', ')}.`,
        );
      }
      if (this.variadic) {
        return this._collectValue(arg, previous);
      }
      return arg;
    };
    return this;
  }

  /**
   * Return option name.
   *
   * @return {string}
   */

  name() {
    if (this.long) {
      return this.long.replace(/^--/, '');
    }
    return this.short.replace(/^-/, '');
  }

  /**
   * Return option name, in a camelcase format that can be used
   * as an object attribute key.
   *
   * @return {string}
   */

  attributeName() {
    if (this.negate) {
      return camelcase(this.name().replace(/^no-/, ''));
    }
    return camelcase(this.name());
  }

  /**
   * Set the help group heading.
   *
   * @param {string} heading
   * @return {Option}
   */
  helpGroup(heading) {
    this.helpGroupHeading = heading;
    return this;
  }

  /**
   * Check if `arg` matches the short or long flag.
   *
   * @param {string} arg
   * @return {boolean}
   * @package
   */

  is(arg) {
    return this.short === arg || this.long === arg;
  }

  /**
   * Return whether a boolean option.
   *
   * Options are one of boolean, negated, required argument, or optional argument.
   *
   * @return {boolean}
   * @package
   */

  isBoolean() {
    return !this.required && !this.optional && !this.negate;
  }
}

/**
 * This class is to make it easier to work with dual options, without changing the existing
 * implementation. We support separate dual options for separate positive and negative options,
 * like `--build` and `--no-build`, which share a single option value. This works nicely for some
 * use cases, but is tricky for others where we want separate behaviours despite
 * the single shared option value.
 */
class DualOptions {
  /**
   * @param {Option[]} options
   */
  constructor(options) {
    this.positiveOptions = new Map();
    this.negativeOptions = new Map();
    this.dualOptions = new Set();
    options.forEach((option) => {
      if (option.negate) {
        this.negativeOptions.set(option.attributeName(), option);
      } else {
        this.positiveOptions.set(option.attributeName(), option);
      }
    });
    this.negativeOptions.forEach((value, key) => {
      if (this.positiveOptions.has(key)) {
        this.dualOptions.add(key);
      }
    });
  }

  /**
   * Did the value come from the option, and not from possible matching dual option?
   *
   * @param {*} value
   * @param {Option} option
   * @returns {boolean}
   */
  valueFromOption(value, option) {
    const optionKey = option.attributeName();
    if (!this.dualOptions.has(optionKey)) return true;

    // Use the value to deduce if (probably) came from the option.
    const preset = this.negativeOptions.get(optionKey).presetArg;
    const negativeValue = preset !== undefined ? preset : false;
    return option.negate === (negativeValue === value);
  }
}

/**
 * Convert string from kebab-case to camelCase.
 *
 * @param {string} str
 * @return {string}
 * @private
 */

function camelcase(str) {
  return str.split('-').reduce((str, word) => {
    return str + word[0].toUpperCase() + word.slice(1);
  });
}

/**
 * Split the short and long flag out of something like '-m,--mixed <value>'
 *
 * @private
 */

function splitOptionFlags(flags) {
  let shortFlag;
  let longFlag;
  // short flag, single dash and single character
  const shortFlagExp = /^-[^-]$/;
  // long flag, double dash and at least one character
  const longFlagExp = /^--[^-]/;

  const flagParts = flags.split(/[ |,]+/).concat('guard');
  // Normal is short and/or long.
  if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
  if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
  // Long then short. Rarely used but fine.
  if (!shortFlag && shortFlagExp.test(flagParts[0]))
    shortFlag = flagParts.shift();
  // Allow two long flags, like '--ws, --workspace'
  // This is the supported way to have a shortish option flag.
  if (!shortFlag && longFlagExp.test(flagParts[0])) {
    shortFlag = longFlag;
    longFlag = flagParts.shift();
  }

  // Check for unprocessed flag. Fail noisily rather than silently ignore.
  if (flagParts[0].startsWith('-')) {
    const unsupportedFlag = flagParts[0];
    const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
    if (/^-[^-][^-]/.test(unsupportedFlag))
      throw new Error(
        `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`,
      );
    if (shortFlagExp.test(unsupportedFlag))
      throw new Error(`${baseError}
- too many short flags`);
    if (longFlagExp.test(unsupportedFlag))
      throw new Error(`${baseError}
- too many long flags`);

    throw new Error(`${baseError}
- unrecognised flag format`);
  }
  if (shortFlag === undefined && longFlag === undefined)
    throw new Error(
      `option creation failed due to no flags found in '${flags}'.`,
    );

  return { shortFlag, longFlag };
}

exports.Option = Option;
exports.DualOptions = DualOptions;


/***/ }),

/***/ 5030:
/***/ ((__unused_webpack_module, exports) => {

const maxDistance = 3;

function editDistance(a, b) {
  // https://en.wikipedia.org/wiki/Damerau–Levenshtein_distance
  // Calculating optimal string alignment distance, no substring is edited more than once.
  // (Simple implementation.)

  // Quick early exit, return worst case.
  if (Math.abs(a.length - b.length) > maxDistance)
    return Math.max(a.length, b.length);

  // distance between prefix substrings of a and b
  const d = [];

  // pure deletions turn a into empty string
  for (let i = 0; i <= a.length; i++) {
    d[i] = [i];
  }
  // pure insertions turn empty string into b
  for (let j = 0; j <= b.length; j++) {
    d[0][j] = j;
  }

  // fill matrix
  for (let j = 1; j <= b.length; j++) {
    for (let i = 1; i <= a.length; i++) {
      let cost = 1;
      if (a[i - 1] === b[j - 1]) {
        cost = 0;
      } else {
        cost = 1;
      }
      d[i][j] = Math.min(
        d[i - 1][j] + 1, // deletion
        d[i][j - 1] + 1, // insertion
        d[i - 1][j - 1] + cost, // substitution
      );
      // transposition
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }

  return d[a.length][b.length];
}

/**
 * Find close matches, restricted to same number of edits.
 *
 * @param {string} word
 * @param {string[]} candidates
 * @returns {string}
 */

function suggestSimilar(word, candidates) {
  if (!candidates || candidates.length === 0) return '';
  // remove possible duplicates
  candidates = Array.from(new Set(candidates));

  const searchingOptions = word.startsWith('--');
  if (searchingOptions) {
    word = word.slice(2);
    candidates = candidates.map((candidate) => candidate.slice(2));
  }

  let similar = [];
  let bestDistance = maxDistance;
  const minSimilarity = 0.4;
  candidates.forEach((candidate) => {
    if (candidate.length <= 1) return; // no one character guesses

    const distance = editDistance(word, candidate);
    const length = Math.max(word.length, candidate.length);
    const similarity = (length - distance) / length;
    if (similarity > minSimilarity) {
      if (distance < bestDistance) {
        // better edit distance, throw away previous worse matches
        bestDistance = distance;
        similar = [candidate];
      } else if (distance === bestDistance) {
        similar.push(candidate);
      }
    }
  });

  similar.sort((a, b) => a.localeCompare(b));
  if (searchingOptions) {
    similar = similar.map((candidate) => `--${candidate}`);
  }

  if (similar.length > 1) {
    return `\n(Did you mean one of ${similar.join(', ')}?)`;
  }
  if (similar.length === 1) {
    return `\n(Did you mean ${similar[0]}?)`;
  }
  return '';
}

exports.suggestSimilar = suggestSimilar;


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(486);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
