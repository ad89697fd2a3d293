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

/***/ 2120:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

module.exports = __nccwpck_require__.p + "9d384fbe362cdd80621b.js?../../cloudformation/template.yaml";

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

/***/ 6466:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");

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


/***/ }),

/***/ 2391:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   PZ: () => (/* binding */ spotArchitectureProblem),
/* harmony export */   WA: () => (/* binding */ parseAwsSettings),
/* harmony export */   fx: () => (/* binding */ capacityProviderStrategy)
/* harmony export */ });
const CAPACITIES = ['on-demand', 'spot', 'mixed'];
/**
 * The workers' capacity provider strategy for RunTask. `mixed` is per RunTask call (at most 10
 * workers): its first worker on Fargate (base 1), the rest one on Fargate to three on Spot, so
 * Spot reclaiming every one of its tasks leaves at least a third of the workers.
 */
function capacityProviderStrategy(capacity) {
    switch (capacity) {
        case 'on-demand':
            return [{ CapacityProvider: 'FARGATE', Weight: 1 }];
        case 'spot':
            return [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }];
        case 'mixed':
            return [
                { CapacityProvider: 'FARGATE', Weight: 1, Base: 1 },
                { CapacityProvider: 'FARGATE_SPOT', Weight: 3 }
            ];
    }
}
/**
 * Why the workers cannot run on `capacity` with a task definition of `architecture`, or undefined:
 * Fargate Spot runs x86_64 tasks only. Pure.
 */
function spotArchitectureProblem(capacity, architecture, taskDefinition) {
    if (capacity === 'on-demand' || architecture?.toUpperCase() !== 'ARM64')
        return undefined;
    return (`Input 'capacity' is ${capacity}: Fargate Spot runs x86_64 tasks only, and task definition ` +
        `${taskDefinition} is ARM64. Use \`capacity: on-demand\`, or a task definition for X86_64 ` +
        `(the stack's CpuArchitecture parameter) with an amd64 image.`);
}
const ARN_STATE_MACHINE = /^arn:aws[a-z-]*:states:([a-z]{2}(?:-gov)?-[a-z]+-\d):(\d{12}):stateMachine:[A-Za-z0-9_-]{1,80}$/;
const REGION_PATTERN = /^[a-z]{2}(?:-gov)?-[a-z]+-\d$/;
const STACK_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
const BUCKET_PATTERN = /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const CLUSTER_PATTERN = /^(?:[A-Za-z0-9_-]{1,255}|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]{1,255})$/;
const TASK_DEFINITION_PATTERN = /^(?:[A-Za-z0-9_-]{1,255}(?::\d+)?|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/[A-Za-z0-9_-]{1,255}(?::\d+)?)$/;
const SUBNET_PATTERN = /^subnet-[0-9a-f]{8,17}$/;
const SECURITY_GROUP_PATTERN = /^sg-[0-9a-f]{8,17}$/;
/** Reads the AWS inputs: the stack (or its parts), the region and the network overrides. */
function parseAwsSettings(reader) {
    const { value, fail, matching, env } = reader;
    const region = matching('aws-region', REGION_PATTERN, 'expected an AWS region such as "eu-west-1".') ??
        (env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined);
    const stackName = matching('stack-name', STACK_NAME_PATTERN, 'expected a CloudFormation stack name: letters, digits and hyphens, starting with a letter.');
    const stateMachineArn = matching('state-machine-arn', ARN_STATE_MACHINE, 'expected an ARN like "arn:aws:states:eu-west-1:123456789012:stateMachine:distributed-locust".');
    const bucket = matching('bucket', BUCKET_PATTERN, 'expected an S3 bucket name: 3–63 lowercase letters, digits, dots and hyphens.');
    const cluster = matching('cluster', CLUSTER_PATTERN, 'expected an ECS cluster name or ARN.');
    const taskDefinition = matching('task-definition', TASK_DEFINITION_PATTERN, 'expected a task definition family[:revision] or ARN.');
    const listOf = (input, pattern, example) => {
        const text = value(input);
        const items = reader.list(input);
        if (text !== '' && items.length === 0)
            fail(input, text, `the list is empty; expected IDs such as "${example}", one per line or comma-separated.`);
        const bad = items.filter((item) => !pattern.test(item));
        if (bad.length > 0)
            fail(input, bad.join(', '), `expected IDs such as "${example}".`);
        return items;
    };
    const subnets = listOf('subnets', SUBNET_PATTERN, 'subnet-0123456789abcdef0');
    const securityGroups = listOf('security-groups', SECURITY_GROUP_PATTERN, 'sg-0123456789abcdef0');
    const assignPublicIp = reader.boolean('assign-public-ip');
    const minWorkers = value('min-workers') === '' ? undefined : reader.integer('min-workers');
    const workers = Number(value('workers') || '1');
    if (minWorkers !== undefined && Number.isInteger(workers) && minWorkers > workers) {
        fail('min-workers', String(minWorkers), `expected at most \`workers\` (${workers}).`);
    }
    const workerReplaceMinutes = reader.integer('worker-replace-minutes');
    const capacity = (matching('capacity', /^(?:on-demand|spot|mixed)$/, `expected ${CAPACITIES.join(', ')}.`) ?? 'on-demand');
    const arnRegion = stateMachineArn ? ARN_STATE_MACHINE.exec(stateMachineArn)?.[1] : undefined;
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
    return {
        kind: 'aws',
        region: region ?? arnRegion,
        stackName,
        stateMachineArn,
        bucket,
        cluster,
        taskDefinition,
        subnets,
        securityGroups,
        assignPublicIp,
        ...(minWorkers === undefined ? {} : { minWorkers }),
        workerReplaceMinutes,
        capacity
    };
}


/***/ }),

/***/ 6708:
/***/ ((__webpack_module__, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4372);
/** The `distributed-locust` command (dist/cli/index.js). */

// A reader that goes away (`… | head -1`) must not end the run: the files are still written and
// the exit code is still the verdict's. Output to a closed pipe is dropped.
for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error) => {
        if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED')
            throw error;
    });
}
process.exitCode = await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .R)(process.argv);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 4372:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  R: () => (/* binding */ main)
});

// UNUSED EXPORTS: flagOf

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

;// CONCATENATED MODULE: ./node_modules/string-width/node_modules/ansi-regex/index.js
// Valid string terminator sequences are ESC\ and 0x9c; OSC also accepts BEL.
const ST = String.raw`(?:\u001B\u005C|\u009C)`;

// OSC sequences only: ESC ] ... BEL/ST (or the C1 introducer 0x9d ... BEL/ST).
// Payloads stop at terminators, cancellations, and C1 controls. An unterminated string cannot swallow the next sequence or repeatedly scan its payload from later introducers. Terminals likewise abort a control string on an unexpected ESC.
const stringControls = String.raw`\u0018\u001A\u001B\u0080-\u009F`;
const osc = String.raw`(?:\u001B\]|\u009D)[^\u0007${stringControls}]*(?:\u0007|${ST})`;

// DCS, SOS, PM, APC, and screen window titles have opaque payloads terminated by ST. Nested ESC payloads, such as tmux passthrough, require a parser.
const controlString = String.raw`(?:\u001B[PX^_k]|[\u0090\u0098\u009E\u009F])[^${stringControls}]*${ST}`;

// Linux console palette controls have fixed lengths and no string terminator; iTerm2 terminates its palette assignments. Consume an immediately adjacent OSC terminator, but match these controls before OSC so a later BEL cannot consume visible text.
const linuxPalette = String.raw`\u001B\](?:P[\dA-Fa-f]{7}|R)(?:\u0007|${ST})?`;

// CSI: ESC [ or C1 CSI, parameter bytes (0x30–0x3f), intermediate bytes (0x20–0x2f), then a final byte (0x40–0x7e).
// `= < >` are final bytes in two-byte VT52 escapes (`ESC >`) but parameter bytes in a CSI (`ESC [ > 0 ; 276 ; 0 c`, the device attributes reply). Match CSI first to consume the whole sequence, where its introducer makes the two unambiguous.
const csi = String.raw`(?:\u001B\[|\u009B)[\u0030-\u003F]*[\u0020-\u002F]*[\u0040-\u007E]`;

// Related escapes: ESC, intermediate bytes (0x20–0x2f), then a final byte (0x30–0x7e), or a supported two-byte escape.
// The two-byte final class stays narrow so that ESC followed by an arbitrary character is not read as a sequence. CSI parameters belong only to the CSI form, preventing partial matches and avoiding a second scan with nested repetition.
// Escapes whose final byte is a digit include `ESC 7` and `ESC 8` (save and restore cursor), `ESC ( 0` (line drawing character set), and `ESC # 8` (screen alignment).
// A digit is never a CSI final byte. These escapes end immediately at their final byte, so `ESC 7 l` is read as the escape followed by text rather than a sequence with parameter 7 and final byte `l`.
const ansi_regex_escape = String.raw`\u001B(?:[\u0020-\u002F]+[\u0030-\u007E]|[\dA-PR-TZcf-oq-uy=><~|}])`;

const pattern = `${linuxPalette}|${osc}|${controlString}|${csi}|${ansi_regex_escape}`;

function ansiRegex({onlyFirst = false} = {}) {
	return new RegExp(pattern, onlyFirst ? undefined : 'g');
}

;// CONCATENATED MODULE: ./node_modules/string-width/node_modules/strip-ansi/index.js


const regex = ansiRegex();

function stripAnsi(string) {
	if (typeof string !== 'string') {
		throw new TypeError(`Expected a \`string\`, got \`${typeof string}\``);
	}

	// Fast path: ANSI codes require ESC (7-bit) or CSI (8-bit) introducer
	if (!string.includes('\u001B') && !string.includes('\u009B')) {
		return string;
	}

	// Even though the regex is global, we don't need to reset the `.lastIndex`
	// because unlike `.exec()` and `.test()`, `.replace()` does it automatically
	// and doing it manually has a performance penalty.
	return string.replace(regex, '');
}

;// CONCATENATED MODULE: ./node_modules/get-east-asian-width/lookup-data.js
// Generated by scripts/build.js

const ambiguousMinimalCodePoint = 161;
const ambiguousMaximumCodePoint = 1114109;
const ambiguousRanges = [161, 161, 164, 164, 167, 168, 170, 170, 173, 174, 176, 180, 182, 186, 188, 191, 198, 198, 208, 208, 215, 216, 222, 225, 230, 230, 232, 234, 236, 237, 240, 240, 242, 243, 247, 250, 252, 252, 254, 254, 257, 257, 273, 273, 275, 275, 283, 283, 294, 295, 299, 299, 305, 307, 312, 312, 319, 322, 324, 324, 328, 331, 333, 333, 338, 339, 358, 359, 363, 363, 462, 462, 464, 464, 466, 466, 468, 468, 470, 470, 472, 472, 474, 474, 476, 476, 593, 593, 609, 609, 708, 708, 711, 711, 713, 715, 717, 717, 720, 720, 728, 731, 733, 733, 735, 735, 768, 879, 913, 929, 931, 937, 945, 961, 963, 969, 1025, 1025, 1040, 1103, 1105, 1105, 8208, 8208, 8211, 8214, 8216, 8217, 8220, 8221, 8224, 8226, 8228, 8231, 8240, 8240, 8242, 8243, 8245, 8245, 8251, 8251, 8254, 8254, 8308, 8308, 8319, 8319, 8321, 8324, 8364, 8364, 8451, 8451, 8453, 8453, 8457, 8457, 8467, 8467, 8470, 8470, 8481, 8482, 8486, 8486, 8491, 8491, 8531, 8532, 8539, 8542, 8544, 8555, 8560, 8569, 8585, 8585, 8592, 8601, 8632, 8633, 8658, 8658, 8660, 8660, 8679, 8679, 8704, 8704, 8706, 8707, 8711, 8712, 8715, 8715, 8719, 8719, 8721, 8721, 8725, 8725, 8730, 8730, 8733, 8736, 8739, 8739, 8741, 8741, 8743, 8748, 8750, 8750, 8756, 8759, 8764, 8765, 8776, 8776, 8780, 8780, 8786, 8786, 8800, 8801, 8804, 8807, 8810, 8811, 8814, 8815, 8834, 8835, 8838, 8839, 8853, 8853, 8857, 8857, 8869, 8869, 8895, 8895, 8978, 8978, 9312, 9449, 9451, 9547, 9552, 9587, 9600, 9615, 9618, 9621, 9632, 9633, 9635, 9641, 9650, 9651, 9654, 9655, 9660, 9661, 9664, 9665, 9670, 9672, 9675, 9675, 9678, 9681, 9698, 9701, 9711, 9711, 9733, 9734, 9737, 9737, 9742, 9743, 9756, 9756, 9758, 9758, 9792, 9792, 9794, 9794, 9824, 9825, 9827, 9829, 9831, 9834, 9836, 9837, 9839, 9839, 9886, 9887, 9919, 9919, 9926, 9933, 9935, 9939, 9941, 9953, 9955, 9955, 9960, 9961, 9963, 9969, 9972, 9972, 9974, 9977, 9979, 9980, 9982, 9983, 10045, 10045, 10102, 10111, 11094, 11097, 12872, 12879, 57344, 63743, 65024, 65039, 65533, 65533, 127232, 127242, 127248, 127277, 127280, 127337, 127344, 127373, 127375, 127376, 127387, 127404, 917760, 917999, 983040, 1048573, 1048576, 1114109];

const fullwidthMinimalCodePoint = 12288;
const fullwidthMaximumCodePoint = 65510;
const fullwidthRanges = [12288, 12288, 65281, 65376, 65504, 65510];

const lookup_data_halfwidthMinimalCodePoint = 8361;
const lookup_data_halfwidthMaximumCodePoint = 65518;
const lookup_data_halfwidthRanges = (/* unused pure expression or super */ null && ([8361, 8361, 65377, 65470, 65474, 65479, 65482, 65487, 65490, 65495, 65498, 65500, 65512, 65518]));

const lookup_data_narrowMinimalCodePoint = 32;
const lookup_data_narrowMaximumCodePoint = 10630;
const lookup_data_narrowRanges = (/* unused pure expression or super */ null && ([32, 126, 162, 163, 165, 166, 172, 172, 175, 175, 10214, 10221, 10629, 10630]));

const wideMinimalCodePoint = 4352;
const wideMaximumCodePoint = 262141;
const wideRanges = [4352, 4447, 8986, 8987, 9001, 9002, 9193, 9196, 9200, 9200, 9203, 9203, 9725, 9726, 9748, 9749, 9776, 9783, 9800, 9811, 9855, 9855, 9866, 9871, 9875, 9875, 9889, 9889, 9898, 9899, 9917, 9918, 9924, 9925, 9934, 9934, 9940, 9940, 9962, 9962, 9970, 9971, 9973, 9973, 9978, 9978, 9981, 9981, 9989, 9989, 9994, 9995, 10024, 10024, 10060, 10060, 10062, 10062, 10067, 10069, 10071, 10071, 10133, 10135, 10160, 10160, 10175, 10175, 11035, 11036, 11088, 11088, 11093, 11093, 11904, 11929, 11931, 12019, 12032, 12245, 12272, 12287, 12289, 12350, 12353, 12438, 12441, 12543, 12549, 12591, 12593, 12686, 12688, 12773, 12783, 12830, 12832, 12871, 12880, 42124, 42128, 42182, 43360, 43388, 44032, 55203, 63744, 64255, 65040, 65049, 65072, 65106, 65108, 65126, 65128, 65131, 94176, 94180, 94192, 94198, 94208, 101594, 101631, 101664, 101760, 101874, 101888, 102801, 102816, 102866, 110576, 110579, 110581, 110587, 110589, 110590, 110592, 110888, 110898, 110898, 110928, 110930, 110933, 110933, 110948, 110952, 110960, 111355, 119552, 119638, 119648, 119670, 126980, 126980, 127183, 127183, 127374, 127374, 127377, 127386, 127406, 127406, 127488, 127490, 127504, 127547, 127552, 127560, 127568, 127569, 127584, 127589, 127744, 127776, 127789, 127797, 127799, 127868, 127870, 127891, 127904, 127946, 127951, 127955, 127968, 127984, 127988, 127988, 127992, 128062, 128064, 128064, 128066, 128252, 128255, 128317, 128331, 128334, 128336, 128359, 128378, 128378, 128405, 128406, 128420, 128420, 128507, 128591, 128640, 128709, 128716, 128716, 128720, 128722, 128725, 128729, 128732, 128735, 128747, 128748, 128756, 128764, 128986, 128986, 128992, 129003, 129008, 129008, 129292, 129338, 129340, 129349, 129351, 129535, 129648, 129660, 129664, 129734, 129736, 129736, 129740, 129757, 129759, 129771, 129775, 129786, 131072, 196605, 196608, 262141];

;// CONCATENATED MODULE: ./node_modules/get-east-asian-width/utilities.js
/**
Binary search on a sorted flat array of [start, end] pairs.

@param {number[]} ranges - Flat array of inclusive [start, end] range pairs, e.g. [0, 5, 10, 20].
@param {number} codePoint - The value to search for.
@returns {boolean} Whether the value falls within any of the ranges.
*/
const utilities_isInRange = (ranges, codePoint) => {
	let low = 0;
	let high = Math.floor(ranges.length / 2) - 1;
	while (low <= high) {
		const mid = Math.floor((low + high) / 2);
		const i = mid * 2;
		if (codePoint < ranges[i]) {
			high = mid - 1;
		} else if (codePoint > ranges[i + 1]) {
			low = mid + 1;
		} else {
			return true;
		}
	}

	return false;
};

;// CONCATENATED MODULE: ./node_modules/get-east-asian-width/lookup.js



const commonCjkCodePoint = 0x4E_00;
const [wideFastPathStart, wideFastPathEnd] = /* #__PURE__ */ findWideFastPathRange(wideRanges);

// Use a hot-path range so common `isWide` calls can skip binary search.
// The range containing U+4E00 covers common CJK ideographs;
// fallback to the largest range for resilience to Unicode table changes.
function findWideFastPathRange(ranges) {
	let fastPathStart = ranges[0];
	let fastPathEnd = ranges[1];

	for (let index = 0; index < ranges.length; index += 2) {
		const start = ranges[index];
		const end = ranges[index + 1];

		if (
			commonCjkCodePoint >= start
			&& commonCjkCodePoint <= end
		) {
			return [start, end];
		}

		if ((end - start) > (fastPathEnd - fastPathStart)) {
			fastPathStart = start;
			fastPathEnd = end;
		}
	}

	return [fastPathStart, fastPathEnd];
}

const isAmbiguous = codePoint => {
	if (
		codePoint < ambiguousMinimalCodePoint
		|| codePoint > ambiguousMaximumCodePoint
	) {
		return false;
	}

	return utilities_isInRange(ambiguousRanges, codePoint);
};

const isFullwidth = codePoint => {
	if (
		codePoint < fullwidthMinimalCodePoint
		|| codePoint > fullwidthMaximumCodePoint
	) {
		return false;
	}

	return utilities_isInRange(fullwidthRanges, codePoint);
};

const isHalfwidth = codePoint => {
	if (
		codePoint < halfwidthMinimalCodePoint
		|| codePoint > halfwidthMaximumCodePoint
	) {
		return false;
	}

	return isInRange(halfwidthRanges, codePoint);
};

const isNarrow = codePoint => {
	if (
		codePoint < narrowMinimalCodePoint
		|| codePoint > narrowMaximumCodePoint
	) {
		return false;
	}

	return isInRange(narrowRanges, codePoint);
};

const isWide = codePoint => {
	if (
		codePoint >= wideFastPathStart
		&& codePoint <= wideFastPathEnd
	) {
		return true;
	}

	if (
		codePoint < wideMinimalCodePoint
		|| codePoint > wideMaximumCodePoint
	) {
		return false;
	}

	return utilities_isInRange(wideRanges, codePoint);
};

function lookup_getCategory(codePoint) {
	if (isAmbiguous(codePoint)) {
		return 'ambiguous';
	}

	if (isFullwidth(codePoint)) {
		return 'fullwidth';
	}

	if (isHalfwidth(codePoint)) {
		return 'halfwidth';
	}

	if (isNarrow(codePoint)) {
		return 'narrow';
	}

	if (isWide(codePoint)) {
		return 'wide';
	}

	return 'neutral';
}

;// CONCATENATED MODULE: ./node_modules/get-east-asian-width/index.js


function validate(codePoint) {
	if (!Number.isSafeInteger(codePoint)) {
		throw new TypeError(`Expected a code point, got \`${typeof codePoint}\`.`);
	}
}

function eastAsianWidthType(codePoint) {
	validate(codePoint);

	return getCategory(codePoint);
}

function eastAsianWidth(codePoint, {ambiguousAsWide = false} = {}) {
	validate(codePoint);

	if (
		isFullwidth(codePoint)
		|| isWide(codePoint)
		|| (ambiguousAsWide && isAmbiguous(codePoint))
	) {
		return 2;
	}

	return 1;
}

// Private exports for https://github.com/sindresorhus/is-fullwidth-code-point


;// CONCATENATED MODULE: ./node_modules/string-width/index.js



/**
Logic:
- Segment graphemes to match how terminals render clusters.
- Width rules:
	1. Skip non-printing clusters (Default_Ignorable, Control, pure nonspacing/enclosing Mark, lone Surrogates). Tabs are ignored by design.
	2. RGI emoji clusters (\p{RGI_Emoji}) are double-width.
	3. Minimally-qualified/unqualified emoji clusters (ZWJ sequences with 2+ Extended_Pictographic, or keycap sequences) are double-width.
	4. Hangul jamo collapse each standard modern Hangul L+V or L+V+T syllable piece to width 2.
	   Unmatched repeated leading/vowel/trailing jamo stay additive because that matches how the terminals we target render them.
	5. Otherwise use East Asian Width of the cluster's first visible code point, and add widths for trailing spacing marks and Halfwidth/Fullwidth Forms within the same cluster (e.g., dakuten/handakuten/prolonged sound mark).
*/

const segmenter = new Intl.Segmenter();

// Matches a visible (printing) character. Used to find the base scalar of a cluster (skipping leading Prepend/Format/Marks) and to detect whole-cluster zero-width.
// Intentionally a single negated class without a quantifier: a repeated pattern like `^(?:…|…)+$` backtracks exponentially on overlapping properties, and even `^[…]+$` overflows V8's backtrack stack (RangeError) on clusters with millions of marks.
const visibleCharacterRegex = /[^\p{Default_Ignorable_Code_Point}\p{Control}\p{Format}\p{Nonspacing_Mark}\p{Enclosing_Mark}\p{Surrogate}]/v;
const spacingMarkRegex = /\p{Spacing_Mark}/v;

// RGI emoji sequences
const rgiEmojiRegex = /^\p{RGI_Emoji}$/v;

// Detect minimally-qualified/unqualified emoji sequences (missing VS16 but still render as double-width)
const unqualifiedKeycapRegex = /^[\d#*]\u20E3$/;
const extendedPictographicRegex = /\p{Extended_Pictographic}/gu;

function isDoubleWidthNonRgiEmojiSequence(segment) {
	// Real emoji clusters are < 30 chars; guard against pathological input
	if (segment.length > 50) {
		return false;
	}

	if (unqualifiedKeycapRegex.test(segment)) {
		return true;
	}

	// ZWJ sequences with 2+ Extended_Pictographic
	if (segment.includes('\u200D')) {
		const pictographics = segment.match(extendedPictographicRegex);
		return pictographics !== null && pictographics.length >= 2;
	}

	return false;
}

// Returns the cluster starting at its first visible character, or `undefined` if the whole cluster is zero-width.
function baseVisible(segment) {
	const index = segment.search(visibleCharacterRegex);
	return index === -1 ? undefined : segment.slice(index);
}

function isHangulLeadingJamo(codePoint) {
	return (codePoint >= 0x11_00 && codePoint <= 0x11_5F)
		|| (codePoint >= 0xA9_60 && codePoint <= 0xA9_7C);
}

function isHangulVowelJamo(codePoint) {
	return (codePoint >= 0x11_60 && codePoint <= 0x11_A7)
		|| (codePoint >= 0xD7_B0 && codePoint <= 0xD7_C6);
}

function isHangulTrailingJamo(codePoint) {
	return (codePoint >= 0x11_A8 && codePoint <= 0x11_FF)
		|| (codePoint >= 0xD7_CB && codePoint <= 0xD7_FB);
}

function isHangulJamo(codePoint) {
	return isHangulLeadingJamo(codePoint)
		|| isHangulVowelJamo(codePoint)
		|| isHangulTrailingJamo(codePoint);
}

function hangulClusterWidth(visibleSegment, eastAsianWidthOptions) {
	const codePoints = [];

	for (const character of visibleSegment) {
		if (!visibleCharacterRegex.test(character)) {
			continue;
		}

		codePoints.push(character.codePointAt(0));
	}

	if (codePoints.length === 0) {
		return undefined;
	}

	let width = 0;

	for (let index = 0; index < codePoints.length; index++) {
		const codePoint = codePoints[index];
		if (!isHangulJamo(codePoint)) {
			if (width === 0) {
				return undefined;
			}

			// Mixed cluster (e.g., L + precomposed syllable): use EAW for non-jamo remainder
			for (let remaining = index; remaining < codePoints.length; remaining++) {
				width += eastAsianWidth(codePoints[remaining], eastAsianWidthOptions);
			}

			return width;
		}

		// Modern Hangul L+V(+T) shapes as one syllable block. Unmatched jamo stay additive:
		// U+1100 U+1100 U+1161 => U+1100 + (U+1100 U+1161) => 2 + 2.
		if (
			isHangulLeadingJamo(codePoint)
			&& isHangulVowelJamo(codePoints[index + 1])
		) {
			width += 2;
			index += isHangulTrailingJamo(codePoints[index + 2]) ? 2 : 1;
			continue;
		}

		width += eastAsianWidth(codePoint, eastAsianWidthOptions);
	}

	return width;
}

function trailingWidth(visibleSegment, eastAsianWidthOptions) {
	let extra = 0;
	let first = true;

	for (const character of visibleSegment) {
		if (first) {
			first = false;
			continue;
		}

		if (
			spacingMarkRegex.test(character)
			|| (character >= '\uFF00' && character <= '\uFFEF')
		) {
			extra += eastAsianWidth(character.codePointAt(0), eastAsianWidthOptions);
		}
	}

	return extra;
}

function stringWidth(input, options = {}) {
	if (typeof input !== 'string' || input.length === 0) {
		return 0;
	}

	const {
		ambiguousIsNarrow = true,
		countAnsiEscapeCodes = false,
	} = options;

	let string = input;

	// Avoid calling stripAnsi when there are no ANSI escape sequences (ESC = 0x1B, CSI = 0x9B)
	if (!countAnsiEscapeCodes && (string.includes('\u001B') || string.includes('\u009B'))) {
		string = stripAnsi(string);
	}

	if (string.length === 0) {
		return 0;
	}

	// Fast path: printable ASCII (0x20–0x7E) needs no segmenter, regex, or EAW lookup — width equals length.
	if (/^[\u0020-\u007E]*$/.test(string)) {
		return string.length;
	}

	let width = 0;
	const eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};

	for (const {segment} of segmenter.segment(string)) {
		// Zero-width / non-printing clusters
		const visibleSegment = baseVisible(segment);
		if (visibleSegment === undefined) {
			continue;
		}

		// Emoji width logic
		if (rgiEmojiRegex.test(segment) || isDoubleWidthNonRgiEmojiSequence(segment)) {
			width += 2;
			continue;
		}

		const hangulWidth = hangulClusterWidth(visibleSegment, eastAsianWidthOptions);
		if (hangulWidth !== undefined) {
			width += hangulWidth;
			continue;
		}

		// Everything else: EAW of the cluster’s first visible scalar
		const codePoint = visibleSegment.codePointAt(0);
		width += eastAsianWidth(codePoint, eastAsianWidthOptions);

		// Add width for trailing spacing marks and Halfwidth/Fullwidth Forms (e.g., ﾞ, ﾟ, ｰ)
		width += trailingWidth(visibleSegment, eastAsianWidthOptions);
	}

	return width;
}

;// CONCATENATED MODULE: ./node_modules/wrap-ansi/node_modules/ansi-styles/index.js
const ANSI_BACKGROUND_OFFSET = 10;

const wrapAnsi16 = (offset = 0) => code => `\u001B[${code + offset}m`;

const wrapAnsi256 = (offset = 0) => code => `\u001B[${38 + offset};5;${code}m`;

const wrapAnsi16m = (offset = 0) => (red, green, blue) => `\u001B[${38 + offset};2;${red};${green};${blue}m`;

const styles = {
	modifier: {
		reset: [0, 0],
		// 21 isn't widely supported and 22 does the same thing
		bold: [1, 22],
		dim: [2, 22],
		italic: [3, 23],
		underline: [4, 24],
		overline: [53, 55],
		inverse: [7, 27],
		hidden: [8, 28],
		strikethrough: [9, 29],
	},
	color: {
		black: [30, 39],
		red: [31, 39],
		green: [32, 39],
		yellow: [33, 39],
		blue: [34, 39],
		magenta: [35, 39],
		cyan: [36, 39],
		white: [37, 39],

		// Bright color
		blackBright: [90, 39],
		gray: [90, 39], // Alias of `blackBright`
		grey: [90, 39], // Alias of `blackBright`
		redBright: [91, 39],
		greenBright: [92, 39],
		yellowBright: [93, 39],
		blueBright: [94, 39],
		magentaBright: [95, 39],
		cyanBright: [96, 39],
		whiteBright: [97, 39],
	},
	bgColor: {
		bgBlack: [40, 49],
		bgRed: [41, 49],
		bgGreen: [42, 49],
		bgYellow: [43, 49],
		bgBlue: [44, 49],
		bgMagenta: [45, 49],
		bgCyan: [46, 49],
		bgWhite: [47, 49],

		// Bright color
		bgBlackBright: [100, 49],
		bgGray: [100, 49], // Alias of `bgBlackBright`
		bgGrey: [100, 49], // Alias of `bgBlackBright`
		bgRedBright: [101, 49],
		bgGreenBright: [102, 49],
		bgYellowBright: [103, 49],
		bgBlueBright: [104, 49],
		bgMagentaBright: [105, 49],
		bgCyanBright: [106, 49],
		bgWhiteBright: [107, 49],
	},
};

const modifierNames = Object.keys(styles.modifier);
const foregroundColorNames = Object.keys(styles.color);
const backgroundColorNames = Object.keys(styles.bgColor);
const colorNames = [...foregroundColorNames, ...backgroundColorNames];

function assembleStyles() {
	const codes = new Map();

	for (const [groupName, group] of Object.entries(styles)) {
		for (const [styleName, style] of Object.entries(group)) {
			styles[styleName] = {
				open: `\u001B[${style[0]}m`,
				close: `\u001B[${style[1]}m`,
			};

			group[styleName] = styles[styleName];

			codes.set(style[0], style[1]);
		}

		Object.defineProperty(styles, groupName, {
			value: group,
			enumerable: false,
		});
	}

	Object.defineProperty(styles, 'codes', {
		value: codes,
		enumerable: false,
	});

	styles.color.close = '\u001B[39m';
	styles.bgColor.close = '\u001B[49m';

	styles.color.ansi = wrapAnsi16();
	styles.color.ansi256 = wrapAnsi256();
	styles.color.ansi16m = wrapAnsi16m();
	styles.bgColor.ansi = wrapAnsi16(ANSI_BACKGROUND_OFFSET);
	styles.bgColor.ansi256 = wrapAnsi256(ANSI_BACKGROUND_OFFSET);
	styles.bgColor.ansi16m = wrapAnsi16m(ANSI_BACKGROUND_OFFSET);

	// From https://github.com/Qix-/color-convert/blob/3f0e0d4e92e235796ccb17f6e85c72094a651f49/conversions.js
	Object.defineProperties(styles, {
		rgbToAnsi256: {
			value(red, green, blue) {
				// We use the extended greyscale palette here, with the exception of
				// black and white. normal palette only has 4 greyscale shades.
				if (red === green && green === blue) {
					if (red < 8) {
						return 16;
					}

					if (red > 248) {
						return 231;
					}

					return Math.round(((red - 8) / 247) * 24) + 232;
				}

				return 16
					+ (36 * Math.round(red / 255 * 5))
					+ (6 * Math.round(green / 255 * 5))
					+ Math.round(blue / 255 * 5);
			},
			enumerable: false,
		},
		hexToRgb: {
			value(hex) {
				const matches = /[a-f\d]{6}|[a-f\d]{3}/i.exec(hex.toString(16));
				if (!matches) {
					return [0, 0, 0];
				}

				let [colorString] = matches;

				if (colorString.length === 3) {
					colorString = [...colorString].map(character => character + character).join('');
				}

				const integer = Number.parseInt(colorString, 16);

				return [
					/* eslint-disable no-bitwise */
					(integer >> 16) & 0xFF,
					(integer >> 8) & 0xFF,
					integer & 0xFF,
					/* eslint-enable no-bitwise */
				];
			},
			enumerable: false,
		},
		hexToAnsi256: {
			value: hex => styles.rgbToAnsi256(...styles.hexToRgb(hex)),
			enumerable: false,
		},
		ansi256ToAnsi: {
			value(code) {
				if (code < 8) {
					return 30 + code;
				}

				if (code < 16) {
					return 90 + (code - 8);
				}

				let red;
				let green;
				let blue;

				if (code >= 232) {
					red = (((code - 232) * 10) + 8) / 255;
					green = red;
					blue = red;
				} else {
					code -= 16;

					const remainder = code % 36;

					red = Math.floor(code / 36) / 5;
					green = Math.floor(remainder / 6) / 5;
					blue = (remainder % 6) / 5;
				}

				const value = Math.max(red, green, blue) * 2;

				if (value === 0) {
					return 30;
				}

				// eslint-disable-next-line no-bitwise
				let result = 30 + ((Math.round(blue) << 2) | (Math.round(green) << 1) | Math.round(red));

				if (value === 2) {
					result += 60;
				}

				return result;
			},
			enumerable: false,
		},
		rgbToAnsi: {
			value: (red, green, blue) => styles.ansi256ToAnsi(styles.rgbToAnsi256(red, green, blue)),
			enumerable: false,
		},
		hexToAnsi: {
			value: hex => styles.ansi256ToAnsi(styles.hexToAnsi256(hex)),
			enumerable: false,
		},
	});

	return styles;
}

const ansiStyles = assembleStyles();

/* harmony default export */ const ansi_styles = (ansiStyles);

;// CONCATENATED MODULE: ./node_modules/wrap-ansi/index.js



const ANSI_ESCAPE = '\u001B';
const ANSI_ESCAPE_BELL = '\u0007';
const C1_CSI = '\u009B';
const ANSI_CSI = '[';
const ANSI_OSC = ']';
const ANSI_SGR_TERMINATOR = 'm';
const ANSI_SGR_RESET = 0;
const ANSI_SGR_RESET_FOREGROUND = 39;
const ANSI_SGR_RESET_BACKGROUND = 49;
const ANSI_SGR_RESET_UNDERLINE_COLOR = 59;
const ANSI_SGR_FOREGROUND_EXTENDED = 38;
const ANSI_SGR_BACKGROUND_EXTENDED = 48;
const ANSI_SGR_UNDERLINE_COLOR_EXTENDED = 58;
const ANSI_SGR_COLOR_MODE_RGB = 2;
const ANSI_SGR_COLOR_MODE_256 = 5;
const ANSI_ESCAPE_LINK = `${ANSI_OSC}8;`;
// The first character of every sequence we recognize.
const ESCAPES = new Set([
	ANSI_ESCAPE,
	C1_CSI,
]);
const ESCAPE_CHARACTERS = [...ESCAPES].join('');

const CSI_INTRODUCER = `(?:${ANSI_ESCAPE}\\${ANSI_CSI}|${C1_CSI})`;
const CSI_PARAMETERS = '[0-?]*[ -/]*[@-~]';
const SGR_PARAMETERS = `(?<sgr>[0-9;:]*)${ANSI_SGR_TERMINATOR}`;
const OSC_STRING_TERMINATOR = `(?:${ANSI_ESCAPE_BELL}|${ANSI_ESCAPE}\\\\)`;
const OSC_STRING_PAYLOAD = String.raw`[^\u0000-\u001F\u007F-\u009F]*`;
// A hyperlink is `OSC 8 ; parameters ; URI ST`, where `parameters` is a possibly empty list of `key=value` pairs joined by `:`.
const LINK_PARAMETERS = String.raw`8;(?<parameters>[^;\u0000-\u001F\u007F-\u009F]*);(?<uri>${OSC_STRING_PAYLOAD})${OSC_STRING_TERMINATOR}`;
const OSC_STRING = `${OSC_STRING_PAYLOAD}${OSC_STRING_TERMINATOR}`;

// Supported boundary: semicolon-delimited SGR styling, colon-delimited RGB/indexed colors, and OSC 8 hyperlinks are tracked, while ordinary CSI sequences and other complete 7-bit OSC commands are preserved as opaque zero-width units. This is intentionally not a terminal emulator, so other colon-delimited SGR semantics, C0 bytes inside sequences, DCS/SOS/PM/APC control strings, cancellations, generic ESC sequences, and 8-bit control-string forms are unsupported. Newlines always delimit input lines before ANSI parsing.
const ANSI_ESCAPE_REGEX = new RegExp(
	`${CSI_INTRODUCER}(?:${SGR_PARAMETERS}|${CSI_PARAMETERS})`
	+ `|${ANSI_ESCAPE}\\${ANSI_OSC}(?:${LINK_PARAMETERS}|${OSC_STRING})`,
	'y',
);

const ANSI_SGR_MODIFIER_CLOSE_CODES = new Set(ansi_styles.codes.values());
ANSI_SGR_MODIFIER_CLOSE_CODES.delete(ANSI_SGR_RESET);

const wrap_ansi_segmenter = new Intl.Segmenter();
// Complete ANSI sequences have already been removed before measuring these strings. Avoid string-width's ANSI scan so malformed sequences are not rescanned.
const getStringWidth = string => stringWidth(string, {countAnsiEscapeCodes: true});
const TAB_SIZE = 8;

// Finds the next character that could introduce a sequence, so plain text is skipped in one native step.
const ESCAPE_INTRODUCER_REGEX = new RegExp(`[${ESCAPE_CHARACTERS}]`, 'g');
// The final pass only cares about sequences and row boundaries, so it skips everything else in one native step.
const ROW_BOUNDARY_REGEX = new RegExp(`[\\n${ESCAPE_CHARACTERS}]`, 'g');
// Every printable ASCII character is its own grapheme cluster of width one, which lets the segmenter be skipped.
const ASCII_PRINTABLE_REGEX = /^[ -~]*$/;

const wrapAnsiCode = code => `${ANSI_ESCAPE}${ANSI_CSI}${code}${ANSI_SGR_TERMINATOR}`;
const wrapAnsiHyperlink = (url, parameters = '') => `${ANSI_ESCAPE}${ANSI_ESCAPE_LINK}${parameters};${url}${ANSI_ESCAPE_BELL}`;

// Match a complete escape sequence starting at `index`, or return `undefined` when none starts there.
const matchAnsiEscape = (string, index) => {
	if (!ESCAPES.has(string[index])) {
		return;
	}

	ANSI_ESCAPE_REGEX.lastIndex = index;
	return ANSI_ESCAPE_REGEX.exec(string) ?? undefined;
};

// Walk a string as alternating plain text runs and complete escape sequences.
// A character that looks like an introducer but does not start a valid sequence stays plain text.
const forEachSegment = (string, onPlainText, onEscape = () => {}) => {
	let plainStart = 0;
	let index = 0;

	while (index < string.length) {
		ESCAPE_INTRODUCER_REGEX.lastIndex = index;
		const introducer = ESCAPE_INTRODUCER_REGEX.exec(string);

		if (!introducer) {
			break;
		}

		const escape = matchAnsiEscape(string, introducer.index);

		if (!escape) {
			index = introducer.index + 1;
			continue;
		}

		if (introducer.index > plainStart) {
			onPlainText(string.slice(plainStart, introducer.index));
		}

		onEscape(escape[0]);
		index = introducer.index + escape[0].length;
		plainStart = index;
	}

	if (plainStart < string.length) {
		onPlainText(string.slice(plainStart));
	}
};

// The visible width of a string, ignoring escape sequences.
const getWidth = string => {
	let plainText = '';

	forEachSegment(string, part => {
		plainText += part;
	});

	return getStringWidth(plainText);
};

// Split a string into escape sequences, which are zero width and must never be split, and grapheme clusters.
// The supported boundary is between grapheme clusters and ANSI sequences; ANSI inserted inside a cluster is treated as separate segments.
const getTokens = string => {
	const tokens = [];

	forEachSegment(string, plainText => {
		if (ASCII_PRINTABLE_REGEX.test(plainText)) {
			for (const character of plainText) {
				tokens.push({value: character, width: 1});
			}

			return;
		}

		for (const {segment} of wrap_ansi_segmenter.segment(plainText)) {
			tokens.push({value: segment, width: getStringWidth(segment)});
		}
	}, escape => {
		tokens.push({value: escape, width: 0});
	});

	return tokens;
};

// Split on spaces, ignoring spaces that appear inside a recognized sequence.
const splitWords = string => {
	let currentWord = {value: '', plainText: ''};
	const words = [currentWord];

	forEachSegment(string, plainText => {
		const parts = plainText.split(' ');
		currentWord.value += parts[0];
		currentWord.plainText += parts[0];

		for (let index = 1; index < parts.length; index++) {
			currentWord = {value: parts[index], plainText: parts[index]};
			words.push(currentWord);
		}
	}, escape => {
		currentWord.value += escape;
	});

	// Measured once per word rather than per run, so a grapheme cluster split by an escape still counts once.
	for (const word of words) {
		word.width = getStringWidth(word.plainText);
	}

	return words;
};

const getColonColorToken = parameter => {
	const parts = parameter.split(':');
	const code = Number.parseInt(parts[0], 10);
	const mode = Number.parseInt(parts[1], 10);

	if (![ANSI_SGR_FOREGROUND_EXTENDED, ANSI_SGR_BACKGROUND_EXTENDED, ANSI_SGR_UNDERLINE_COLOR_EXTENDED].includes(code)) {
		return;
	}

	if (mode === ANSI_SGR_COLOR_MODE_256 && parts.length === 3 && /^\d+$/.test(parts[2])) {
		return {code, open: parameter, hasArguments: true};
	}

	if (mode !== ANSI_SGR_COLOR_MODE_RGB) {
		return;
	}

	const components = parts.length === 6 ? parts.slice(3) : parts.slice(2);
	const colorSpace = parts.length === 6 ? parts[2] : undefined;
	if (components.length === 3 && components.every(component => /^\d+$/.test(component)) && (colorSpace === undefined || /^\d*$/.test(colorSpace))) {
		return {code, open: parameter, hasArguments: true};
	}
};

const getSgrTokens = sgrParameters => {
	const parameters = sgrParameters.split(';');
	const sgrTokens = [];

	for (let index = 0; index < parameters.length; index++) {
		const parameter = parameters[index];
		if (parameter.includes(':')) {
			const colonColorToken = getColonColorToken(parameter);
			if (colonColorToken) {
				sgrTokens.push(colonColorToken);
			}

			continue;
		}

		const code = parameter === '' ? ANSI_SGR_RESET : Number.parseInt(parameter, 10);

		if (!Number.isFinite(code)) {
			continue;
		}

		if (code === ANSI_SGR_FOREGROUND_EXTENDED || code === ANSI_SGR_BACKGROUND_EXTENDED || code === ANSI_SGR_UNDERLINE_COLOR_EXTENDED) {
			if (index + 1 >= parameters.length) {
				break;
			}

			const mode = Number.parseInt(parameters[index + 1], 10);
			const colorIndex = Number.parseInt(parameters[index + 2], 10);
			if (mode === ANSI_SGR_COLOR_MODE_256 && Number.isFinite(colorIndex)) {
				sgrTokens.push({code, open: [code, mode, colorIndex].join(';'), hasArguments: true});
				index += 2;
				continue;
			}

			const red = Number.parseInt(parameters[index + 2], 10);
			const green = Number.parseInt(parameters[index + 3], 10);
			const blue = Number.parseInt(parameters[index + 4], 10);
			if (mode === ANSI_SGR_COLOR_MODE_RGB && Number.isFinite(red) && Number.isFinite(green) && Number.isFinite(blue)) {
				sgrTokens.push({code, open: [code, mode, red, green, blue].join(';'), hasArguments: true});
				index += 4;
				continue;
			}

			break;
		}

		sgrTokens.push({code, open: String(code), hasArguments: false});
	}

	return sgrTokens;
};

const removeActiveStyle = (activeStyles, family) => {
	const activeStyleIndex = activeStyles.findIndex(activeStyle => activeStyle.family === family);

	if (activeStyleIndex !== -1) {
		activeStyles.splice(activeStyleIndex, 1);
	}
};

const upsertActiveStyle = (activeStyles, nextActiveStyle) => {
	removeActiveStyle(activeStyles, nextActiveStyle.family);
	activeStyles.push(nextActiveStyle);
};

const removeModifierStylesByClose = (activeStyles, closeCode) => {
	for (let index = activeStyles.length - 1; index >= 0; index--) {
		const activeStyle = activeStyles[index];
		if (activeStyle.family.startsWith('modifier-') && activeStyle.close === closeCode) {
			activeStyles.splice(index, 1);
		}
	}
};

const getColorStyle = sgrToken => {
	const {code, open, hasArguments} = sgrToken;
	if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97) || (code === ANSI_SGR_FOREGROUND_EXTENDED && hasArguments)) {
		return {
			family: 'foreground',
			open,
			close: ANSI_SGR_RESET_FOREGROUND,
		};
	}

	if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107) || (code === ANSI_SGR_BACKGROUND_EXTENDED && hasArguments)) {
		return {
			family: 'background',
			open,
			close: ANSI_SGR_RESET_BACKGROUND,
		};
	}

	if (code === ANSI_SGR_UNDERLINE_COLOR_EXTENDED && hasArguments) {
		return {
			family: 'underlineColor',
			open,
			close: ANSI_SGR_RESET_UNDERLINE_COLOR,
		};
	}
};

const applySgrResetCode = (code, activeStyles) => {
	if (code === ANSI_SGR_RESET) {
		activeStyles.length = 0;
		return true;
	}

	if (code === ANSI_SGR_RESET_FOREGROUND) {
		removeActiveStyle(activeStyles, 'foreground');
		return true;
	}

	if (code === ANSI_SGR_RESET_BACKGROUND) {
		removeActiveStyle(activeStyles, 'background');
		return true;
	}

	if (code === ANSI_SGR_RESET_UNDERLINE_COLOR) {
		removeActiveStyle(activeStyles, 'underlineColor');
		return true;
	}

	if (ANSI_SGR_MODIFIER_CLOSE_CODES.has(code)) {
		removeModifierStylesByClose(activeStyles, code);
		return true;
	}

	return false;
};

const applySgrToken = (sgrToken, activeStyles) => {
	const {code} = sgrToken;

	if (applySgrResetCode(code, activeStyles)) {
		return;
	}

	const colorStyle = getColorStyle(sgrToken);
	if (colorStyle) {
		upsertActiveStyle(activeStyles, colorStyle);
		return;
	}

	const close = ansi_styles.codes.get(code);
	if (close !== undefined && close !== ANSI_SGR_RESET) {
		upsertActiveStyle(activeStyles, {
			family: `modifier-${code}`,
			open: sgrToken.open,
			close,
		});
	}
};

const applySgrParameters = (sgrParameters, activeStyles) => {
	for (const sgrToken of getSgrTokens(sgrParameters)) {
		applySgrToken(sgrToken, activeStyles);
	}
};

const applySgrResets = (sgrParameters, activeStyles) => {
	for (const {code} of getSgrTokens(sgrParameters)) {
		applySgrResetCode(code, activeStyles);
	}
};

const applyLeadingSgrResets = (string, startIndex, activeStyles) => {
	let index = startIndex;

	while (index < string.length) {
		const match = matchAnsiEscape(string, index);
		if (!match) {
			break;
		}

		if (match.groups.sgr !== undefined) {
			applySgrResets(match.groups.sgr, activeStyles);
		}

		index += match[0].length;
	}
};

const getClosingSgrSequence = activeStyles => [...activeStyles].reverse().map(activeStyle => wrapAnsiCode(activeStyle.close)).join('');
const getOpeningSgrSequence = activeStyles => activeStyles.map(activeStyle => wrapAnsiCode(activeStyle.open)).join('');

// Wrap a long word across multiple rows
// ANSI escape codes do not count towards length
// Takes the visible width of the last row and returns the width of the row the word ends on, so callers never have to measure the rows themselves.
const wrapWord = (rows, word, columns, rowWidth) => {
	const tokens = getTokens(word);

	let visible = rowWidth;

	for (let index = 0; index < tokens.length; index++) {
		const token = tokens[index];

		// Escape sequences and combining marks are zero width, so they always stay on the current row.
		if (token.width > 0 && visible > 0 && visible + token.width > columns) {
			rows.push('');
			visible = 0;
		}

		rows[rows.length - 1] += token.value;
		visible += token.width;

		if (visible === columns && index < tokens.length - 1) {
			rows.push('');
			visible = 0;
		}
	}

	// It's possible that the last row we copy over is only
	// ANSI escape characters, handle this edge-case
	if (!visible && rows.at(-1).length > 0 && rows.length > 1) {
		rows[rows.length - 2] += rows.pop();
	}

	// The tokens are measured one by one, so a grapheme cluster that an escape sequence splits is counted once per part rather than once as a whole. Only the finished row tells the true width, and it is at most one row long to measure.
	return getWidth(rows.at(-1));
};

// Trims spaces from a string ignoring invisible sequences
const stringVisibleTrimSpacesRight = string => {
	if (!string.includes(' ')) {
		return string;
	}

	const segments = [];
	forEachSegment(string, plainText => {
		segments.push({value: plainText, isEscape: false});
	}, escape => {
		segments.push({value: escape, isEscape: true});
	});

	// Drop the spaces that trail the last visible character, but keep the invisible sequences among them.
	for (let index = segments.length - 1; index >= 0; index--) {
		const segment = segments[index];

		if (segment.isEscape) {
			continue;
		}

		// Scanned rather than matched with a regex, as a trailing-space pattern backtracks quadratically.
		let end = segment.value.length;
		while (end > 0 && segment.value[end - 1] === ' ') {
			end--;
		}

		segment.value = segment.value.slice(0, end);

		if (getStringWidth(segment.value) > 0) {
			break;
		}
	}

	return segments.map(segment => segment.value).join('');
};

const expandTabs = line => {
	if (!line.includes('\t')) {
		return line;
	}

	let visible = 0;
	let expandedLine = '';
	let plainTextSinceTab = '';

	const expandPlainText = plainText => {
		const segments = plainText.split('\t');

		for (const [index, segment] of segments.entries()) {
			expandedLine += segment;
			plainTextSinceTab += segment;

			if (index < segments.length - 1) {
				visible += getStringWidth(plainTextSinceTab);
				plainTextSinceTab = '';
				const spaces = TAB_SIZE - (visible % TAB_SIZE);
				expandedLine += ' '.repeat(spaces);
				visible += spaces;
			}
		}
	};

	forEachSegment(line, expandPlainText, escape => {
		expandedLine += escape;
	});

	return expandedLine;
};

// Close the active styles and hyperlink before every row break and reopen them after, so each row stands on its own.
// Only sequences and newlines matter here, so the string is scanned directly rather than split into grapheme clusters.
const restoreStylesAcrossRows = preString => {
	let returnValue = '';
	let activeHyperlink;
	const activeStyles = [];
	let index = 0;
	let copiedIndex = 0;

	while (index < preString.length) {
		ROW_BOUNDARY_REGEX.lastIndex = index;
		const boundary = ROW_BOUNDARY_REGEX.exec(preString);

		if (!boundary) {
			break;
		}

		index = boundary.index;

		if (boundary[0] !== '\n') {
			const escape = matchAnsiEscape(preString, index);

			if (!escape) {
				index++;
				continue;
			}

			const {groups} = escape;
			if (groups.sgr !== undefined) {
				applySgrParameters(groups.sgr, activeStyles);
			} else if (groups.uri !== undefined) {
				activeHyperlink = groups.uri.length === 0 ? undefined : {parameters: groups.parameters, uri: groups.uri};
			}

			index += escape[0].length;
			continue;
		}

		// Everything up to the row break is copied verbatim, sequences included.
		returnValue += preString.slice(copiedIndex, index);

		// An empty row never reopened anything, so there is nothing to close.
		if (index > copiedIndex) {
			if (activeHyperlink) {
				returnValue += wrapAnsiHyperlink('');
			}

			returnValue += getClosingSgrSequence(activeStyles);
		}

		returnValue += '\n';
		index++;
		copiedIndex = index;

		// An empty row has nothing to style, so the styles stay closed until the next row with content. A trailing row break leaves no row at all.
		if (index < preString.length && preString[index] !== '\n') {
			const openingStyles = [...activeStyles];
			applyLeadingSgrResets(preString, index, openingStyles);
			returnValue += getOpeningSgrSequence(openingStyles);

			if (activeHyperlink) {
				returnValue += wrapAnsiHyperlink(activeHyperlink.uri, activeHyperlink.parameters);
			}
		}
	}

	return returnValue + preString.slice(copiedIndex);
};

// The wrap-ansi module can be invoked in either 'hard' or 'soft' wrap mode.
//
// 'hard' will never allow a string to take up more than columns characters.
//
// 'soft' allows long words to expand past the column length.
const exec = (string, columns, options = {}) => {
	if (options.trim !== false && string.trim() === '') {
		return '';
	}

	const words = splitWords(string);
	let rows = [''];
	// Tracked as rows are built. Remeasuring the row for every word makes wrapping quadratic in the line length.
	let rowLength = 0;
	// Words are only ever appended, so a row that already starts with content can never become trimmable again. Retrimming it for every word makes wrapping quadratic in the line length.
	let trimmedRowIndex = -1;

	let isFirstWord = true;

	for (const word of words) {
		const rowIndex = rows.length - 1;

		if (options.trim !== false && trimmedRowIndex !== rowIndex) {
			const row = rows[rowIndex];
			const trimmedRow = row.trimStart();

			if (trimmedRow.length !== row.length) {
				rows[rowIndex] = trimmedRow;
				rowLength = getWidth(trimmedRow);
			}

			if (trimmedRow.length > 0) {
				trimmedRowIndex = rowIndex;
			}
		}

		if (isFirstWord) {
			isFirstWord = false;
		} else {
			if (rowLength >= columns && (options.wordWrap === false || options.trim === false)) {
				// If we start with a new word but the current row length equals the length of the columns, add a new row
				rows.push('');
				rowLength = 0;
			}

			if (rowLength > 0 || options.trim === false) {
				rows[rows.length - 1] += ' ';
				rowLength++;
			}
		}

		// In 'hard' wrap mode, the length of a line is never allowed to extend past 'columns'
		if (options.hard && options.wordWrap !== false && word.width > columns) {
			const remainingColumns = columns - rowLength;
			const breaksStartingThisLine = 1 + Math.floor((word.width - remainingColumns - 1) / columns);
			const breaksStartingNextLine = Math.floor((word.width - 1) / columns);
			if (breaksStartingNextLine < breaksStartingThisLine) {
				rows.push('');
				rowLength = 0;
			}

			rowLength = wrapWord(rows, word.value, columns, rowLength);
			continue;
		}

		if (rowLength + word.width > columns && rowLength > 0 && word.width > 0) {
			if (options.wordWrap === false && rowLength < columns) {
				rowLength = wrapWord(rows, word.value, columns, rowLength);
				continue;
			}

			rows.push('');
			rowLength = 0;
		}

		if (rowLength + word.width > columns && options.wordWrap === false) {
			rowLength = wrapWord(rows, word.value, columns, rowLength);
			continue;
		}

		rows[rows.length - 1] += word.value;
		rowLength += word.width;
	}

	if (options.trim !== false) {
		rows = rows.map(row => stringVisibleTrimSpacesRight(row));
	}

	return restoreStylesAcrossRows(rows.join('\n'));
};

// Normalize the text, but not the sequences: a combining mark that follows a sequence composes with its last character and destroys it.
const normalizeText = string => {
	let normalizedString = '';

	forEachSegment(string, plainText => {
		normalizedString += plainText.normalize();
	}, escape => {
		normalizedString += escape;
	});

	return normalizedString;
};

// For each newline, invoke the method separately.
function wrapAnsi(string, columns, options) {
	return normalizeText(String(string))
		.replaceAll('\r\n', '\n')
		.split('\n')
		.map(line => exec(expandTabs(line), columns, options))
		.join('\n');
}

;// CONCATENATED MODULE: ./build/src/cli/help.js
/**
 * The CLI's own help texts (examples, exit codes, notes) fitted to an 80-column terminal, the
 * width commander wraps its option lists to: prose is re-wrapped; an example command too long for
 * a line is broken at spaces into shell continuation lines, so it can still be copied.
 */


const HELP_WIDTH = 80;
const CONTINUATION_INDENT = '      ';
/** `text` with every line at most `width` columns. */
function fitHelp(text, width = HELP_WIDTH) {
    return text
        .split('\n\n')
        .map((paragraph) => isExamples(paragraph) ? fitExamples(paragraph, width) : fitProse(paragraph, width))
        .join('\n\n');
}
function isExamples(paragraph) {
    return paragraph.split('\n').some((line) => /^\s+\$ /.test(line));
}
/** A paragraph of prose, its lines joined and wrapped again; short ones are left as written. */
function fitProse(paragraph, width) {
    const lines = paragraph.split('\n');
    if (lines.every((line) => line.length <= width))
        return paragraph;
    const indent = /^\s*/.exec(lines.find((line) => line.trim() !== '') ?? '')[0];
    const words = lines.map((line) => line.trim()).join(' ');
    return wrapAnsi(words, width - indent.length, { hard: false, trim: true })
        .split('\n')
        .map((line) => indent + line)
        .join('\n');
}
/** Example commands: a long one continues on the next lines, each ending in ` \`. */
function fitExamples(paragraph, width) {
    return paragraph
        .split('\n')
        .flatMap((line) => {
        if (line.length <= width)
            return [line];
        const continued = line.endsWith(' \\');
        const body = continued ? line.slice(0, -2) : line;
        const lines = [/^\s*/.exec(body)[0]];
        // Words, a quoted argument ("p95 < 500ms") or a trailing # comment being one word.
        for (const word of body.trim().match(/#.*$|"[^"]*"|'[^']*'|\S+/g) ?? []) {
            const current = lines[lines.length - 1];
            const fresh = current.trim() === '';
            if (!fresh && current.length + 1 + word.length + 2 > width)
                lines.push(CONTINUATION_INDENT);
            lines[lines.length - 1] += (lines[lines.length - 1].trim() === '' ? '' : ' ') + word;
        }
        return lines.map((text, index) => index === lines.length - 1 && !continued ? text : `${text} \\`);
    })
        .join('\n');
}
/**
 * An option's description with its default and choices as a person writes them: commander quotes
 * every string in them ("(default: "0.95")", "choices: "pass", "fail"").
 */
function optionDescription(option) {
    const text = Help.prototype.optionDescription.call(this, option);
    const description = option.description ?? '';
    if (!text.startsWith(description))
        return text;
    return description + text.slice(description.length).replace(/"([^"]*)"/g, '$1');
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: ./build/src/errors.js
var errors = __nccwpck_require__(7406);
;// CONCATENATED MODULE: ./build/src/baseline/model.js
/** Raised when a baseline exists but cannot be used (not results.json, no figures). */
class BaselineError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BaselineError';
    }
}

;// CONCATENATED MODULE: ./build/src/baseline/history.js
/** How many runs the history keeps by default (the `baseline-history` input). */
const DEFAULT_HISTORY_SIZE = 5;
/** The most runs a history may keep: each is fetched before every run. */
const MAX_HISTORY_SIZE = 20;
/**
 * Whether a run with this verdict may enter the history: a passed or inconclusive one. A failed,
 * cancelled, invalid or errored run never does; a results.json without a verdict (written before
 * verdicts existed) is taken as it was stored, since only passing runs were stored then.
 */
function mayEnterHistory(verdict) {
    return verdict === undefined || verdict === 'passed' || verdict === 'inconclusive';
}
/**
 * Whether a run may be accepted on purpose as the new baseline: also a failed one (the intended
 * change made it slower), never one that could not run or was unfit to judge.
 */
function mayBeAccepted(verdict) {
    return mayEnterHistory(verdict) || verdict === 'failed';
}
/**
 * The history from candidate runs, newest first: those that may enter it, back to the newest
 * run accepted as the new baseline (older ones measured the code before an intended change), at
 * most `size` of them.
 */
function baselineHistory(candidates, size) {
    const history = [];
    for (const candidate of candidates) {
        if (history.length >= size)
            break;
        if (!candidate.accepted && !mayEnterHistory(candidate.verdict))
            continue;
        history.push(candidate);
        if (candidate.accepted)
            break;
    }
    return history;
}

// EXTERNAL MODULE: ./build/src/results/model.js
var model = __nccwpck_require__(3341);
;// CONCATENATED MODULE: ./build/src/baseline/parse.js
/**
 * Reads a baseline from the text of a previous run's results.json. Pure: the caller reads the
 * file, the S3 object or the artifact.
 */


/**
 * The results.json schema versions this code reads: 1 (the baselines stored before intervals) and
 * 2; both keep the figures a baseline needs in the same fields.
 */
const READABLE_SCHEMA_VERSIONS = [1, 2];
function parseBaseline(text, source) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (error) {
        throw new BaselineError(`The baseline ${source} is not valid JSON (${error.message}); give the results.json a previous run wrote.`);
    }
    if (!isObject(json) || !READABLE_SCHEMA_VERSIONS.includes(json.schemaVersion)) {
        throw new BaselineError(`The baseline ${source} is not a results.json this version reads (schemaVersion ${READABLE_SCHEMA_VERSIONS.join(', ')}); give the results.json a previous run wrote.`);
    }
    if (!isObject(json.totals)) {
        throw new BaselineError(`The baseline ${source} holds no figures: that run wrote no readable Locust results.`);
    }
    const endpoints = Array.isArray(json.endpoints) ? json.endpoints : [];
    const facts = isObject(json.facts) ? json.facts : {};
    const runId = typeof facts.runId === 'string' ? facts.runId : undefined;
    const runUrl = typeof facts.runUrl === 'string' ? facts.runUrl : undefined;
    try {
        return {
            source,
            ...(runId === undefined ? {} : { runId }),
            ...(runUrl === undefined ? {} : { runUrl }),
            ...(typeof json.verdict === 'string' ? { verdict: json.verdict } : {}),
            ...(json.acceptedAsBaseline === true ? { accepted: true } : {}),
            conditions: conditionsOf(facts),
            aggregate: endpointStats(json.totals),
            endpoints: endpoints.map((endpoint) => endpointStats(endpoint))
        };
    }
    catch (error) {
        if (!(error instanceof BaselineError))
            throw error;
        throw new BaselineError(`The baseline ${source} is damaged: ${error.message}.`);
    }
}
/** An endpoint of results.json back in the results model, so rules measure both the same way. */
function endpointStats(json) {
    if (!isObject(json) || typeof json.name !== 'string' || typeof json.method !== 'string') {
        throw new BaselineError('an endpoint lacks its method or name');
    }
    const label = (0,model/* endpointLabel */.m)({ method: json.method, name: json.name });
    const count = (field) => {
        const value = json[field];
        if (typeof value !== 'number' || !Number.isFinite(value)) {
            throw new BaselineError(`${label} has no number for ${field}`);
        }
        return value;
    };
    const optional = (field) => {
        const value = json[field];
        return typeof value === 'number' && Number.isFinite(value) ? value : null;
    };
    const percentiles = Object.entries(isObject(json.percentiles) ? json.percentiles : {}).flatMap(([key, ms]) => {
        const quantile = /^p(\d+(?:\.\d+)?)$/.exec(key)?.[1];
        if (quantile === undefined)
            return [];
        return [
            { label: `${quantile}%`, quantile: Number(quantile), ms: typeof ms === 'number' ? ms : null }
        ];
    });
    return {
        method: json.method,
        name: json.name,
        requests: count('requests'),
        failures: count('failures'),
        medianMs: optional('medianMs'),
        avgMs: optional('avgMs'),
        minMs: optional('minMs'),
        maxMs: optional('maxMs'),
        avgContentSize: optional('avgContentSize'),
        rps: optional('rps') ?? 0,
        failRps: optional('failRps') ?? 0,
        percentiles,
        ...responseTimes(json.responseTimes),
        ...historyWindows(json.windows)
    };
}
/** Version 2 keeps an endpoint's full histogram (when the run had one): ms → requests. */
function responseTimes(json) {
    if (!isObject(json))
        return {};
    const pairs = Object.entries(json).flatMap(([ms, count]) => typeof count === 'number' && Number.isFinite(Number(ms)) ? [[Number(ms), count]] : []);
    return pairs.length === 0 ? {} : { responseTimes: pairs.sort((a, b) => a[0] - b[0]) };
}
/** An endpoint's disjoint windows, for the spread over time inside the baseline run. */
function historyWindows(json) {
    if (!Array.isArray(json))
        return {};
    const windows = json.flatMap((window) => {
        if (!isObject(window) || typeof window.timestamp !== 'number')
            return [];
        const time = (field) => typeof window[field] === 'number' ? window[field] : null;
        return [
            {
                timestamp: window.timestamp,
                rps: typeof window.rps === 'number' ? window.rps : 0,
                p50Ms: time('p50Ms'),
                p95Ms: time('p95Ms'),
                p99Ms: time('p99Ms')
            }
        ];
    });
    return windows.length === 0 ? {} : { windows };
}
/** The facts a comparison depends on, those of the right type. */
function conditionsOf(facts) {
    const conditions = {};
    for (const key of [
        'users',
        'spawnRate',
        'runTimeSeconds',
        'runTimeResolutionSeconds',
        'workers'
    ]) {
        const value = facts[key];
        if (typeof value === 'number' && Number.isFinite(value))
            conditions[key] = value;
    }
    if (typeof facts.locustVersion === 'string')
        conditions.locustVersion = facts.locustVersion;
    return conditions;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: ./build/src/baseline/store.js
/**
 * A local baseline store (docs/baselines.md): a folder holding a baseline history as one
 * `baseline-<time>-<suffix>.json` per run (each a results.json), newest by name first. The CLI's
 * `baseline show | accept | reset` keep it; `--baseline <folder>` judges against it.
 */






const ENTRY = /^baseline-.+\.json$/;
/** The store's files, newest first; empty when the folder holds none (or does not exist). */
async function storeFiles(dir) {
    const names = await (0,promises_.readdir)(dir).catch((error) => {
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR')
            return [];
        throw error;
    });
    return names
        .filter((name) => ENTRY.test(name))
        .sort()
        .reverse();
}
/** The store's runs, newest first; BaselineError names a file that is no results.json. */
async function readStore(dir) {
    const files = await storeFiles(dir);
    return Promise.all(files.map(async (file) => {
        const path = (0,external_node_path_.join)(dir, file);
        return { file, baseline: parseBaseline(await (0,promises_.readFile)(path, 'utf8'), path) };
    }));
}
/** The history a run is judged against from the store: see ./history.ts. */
async function storeHistory(dir, size) {
    return baselineHistory((await readStore(dir)).map((entry) => entry.baseline), size);
}
/**
 * Puts a run's results.json into the store. Accepted (the default), it becomes the new baseline
 * and the history restarts from it: also a failed run, after an intended change. Appended, it
 * joins the history as a CI run would, and only when valid. A run that errored, was cancelled or
 * is unfit to judge is refused either way (BaselineError). Returns the new entry's file name.
 */
async function acceptIntoStore(dir, resultsJsonPath, options) {
    const text = await (0,promises_.readFile)(resultsJsonPath, 'utf8');
    const { verdict } = parseBaseline(text, resultsJsonPath);
    const allowed = options.append ? mayEnterHistory(verdict) : mayBeAccepted(verdict);
    if (!allowed) {
        throw new BaselineError(`${resultsJsonPath} is a run with verdict ${verdict}: ${options.append ? 'only a passed or inconclusive run joins the history' : 'a run that errored, was cancelled or is unfit to judge never becomes a baseline'}.`);
    }
    const json = JSON.parse(text);
    if (!options.append)
        json.acceptedAsBaseline = true;
    await (0,promises_.mkdir)(dir, { recursive: true });
    const older = await storeFiles(dir);
    const file = `baseline-${options.now.toISOString().replace(/:/g, '-')}-${(0,external_node_crypto_.randomBytes)(3).toString('hex')}.json`;
    await (0,promises_.writeFile)((0,external_node_path_.join)(dir, file), `${JSON.stringify(json, null, 2)}\n`);
    const dropped = options.append ? older.slice(Math.max(0, options.keep - 1)) : older;
    for (const name of dropped)
        await (0,promises_.rm)((0,external_node_path_.join)(dir, name));
    return file;
}
/** Empties the store: the next run has no baseline until one is accepted. Returns how many went. */
async function resetStore(dir) {
    const files = await storeFiles(dir);
    for (const file of files)
        await (0,promises_.rm)((0,external_node_path_.join)(dir, file));
    return files.length;
}

;// CONCATENATED MODULE: ./build/src/baseline/read.js
/** Reads a baseline from a file or folder: the thin file-system layer over ./parse.ts. */







const RESULTS_JSON = 'results.json';
/**
 * The baseline at `path`: a results.json, or a folder holding one. Undefined when nothing is
 * there (the first run on a branch); BaselineError when something is there but unusable.
 */
async function readBaselineFile(path) {
    let file = path;
    try {
        if ((await (0,promises_.stat)(path)).isDirectory())
            file = (0,external_node_path_.join)(path, RESULTS_JSON);
        return parseBaseline(await (0,promises_.readFile)(file, 'utf8'), file);
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        if (error instanceof BaselineError)
            throw error;
        throw new BaselineError(`Cannot read the baseline ${file}: ${error.message}.`);
    }
}
/**
 * The baseline someone named (the `baseline` input, `--baseline`): a results.json, its folder, or
 * a local baseline store (./store.ts) whose history is judged against. Nothing at the path is
 * refused before the run (a mistyped path would silently turn the gate off); a store with no run
 * yet is a note, and a baseline that is there but unusable a warning: their rules are skipped.
 */
async function lookUpBaselineFile(path, input) {
    try {
        const baseline = await readBaselineFile(path);
        if (baseline)
            return { baseline };
        if (await isFolder(path)) {
            const history = await storeHistory(path, DEFAULT_HISTORY_SIZE);
            if (history.length > 0)
                return { baseline: history[0], history };
            return {
                note: `No baseline yet in ${path}: accept a run with \`distributed-locust baseline accept\`. Baseline rules are skipped.`
            };
        }
    }
    catch (error) {
        if (!(error instanceof BaselineError))
            throw error;
        return { note: `${error.message} Baseline rules are skipped.`, unusable: true };
    }
    throw new errors/* PreflightError */.w(`${input}: no baseline at ${path}; give the results.json of an earlier run (or its folder, or a baseline store), or leave ${input} out to run without one. Nothing was started.`);
}
async function isFolder(path) {
    return (0,promises_.stat)(path).then((info) => info.isDirectory(), () => false);
}

// EXTERNAL MODULE: ./build/src/run/rounds.js
var run_rounds = __nccwpck_require__(4582);
// EXTERNAL MODULE: ./build/src/backend/aws/settings.js
var settings = __nccwpck_require__(2391);
;// CONCATENATED MODULE: ./build/src/backend/aws/module.js


const DOCTOR_HELP = `
Checks, each ok, warning or error with its fix: the stack's status and outputs, the task
definition's CPU and memory, the image in ECR, the subnets' routes against --assign-public-ip, the
Fargate vCPU quota against --workers, the credentials' lifetime against the timeout, and whether
the caller may make every call a run makes (IAM's policy simulator).

Example:
  $ distributed-locust doctor --stack-name distributed-locust --aws-region eu-west-1 -w 20 -t 30m

Exit codes: 0 no error found (warnings allowed), 2 an error found or the options are invalid.`;
/**
 * Fargate tasks started by the stack's state machine. The AWS SDK is loaded only when this backend
 * is chosen.
 */
const awsBackend = {
    kind: 'aws',
    label: 'AWS (Fargate, Step Functions)',
    shipsWorkingDirectory: true,
    runsLocustfile: true,
    // An ECS endpoint on this machine (an emulator) runs its tasks here, where loopback is reachable.
    runsRemotely: (env) => (0,run_rounds/* isLoopbackHost */.cW)(env.AWS_ENDPOINT_URL_ECS ?? env.AWS_ENDPOINT_URL ?? '')
        ? undefined
        : 'the Fargate tasks',
    parseSettings: settings/* parseAwsSettings */.WA,
    async prepare(config, hooks) {
        return (await Promise.all(/* import() */[__nccwpck_require__.e(733), __nccwpck_require__.e(203), __nccwpck_require__.e(843)]).then(__nccwpck_require__.bind(__nccwpck_require__, 843))).prepareAwsRun(config, {}, hooks.warn ?? hooks.log);
    },
    async run(prepared, hooks) {
        return (await Promise.all(/* import() */[__nccwpck_require__.e(733), __nccwpck_require__.e(203), __nccwpck_require__.e(843)]).then(__nccwpck_require__.bind(__nccwpck_require__, 843))).runAws(prepared, hooks);
    },
    async cleanup(handles, log) {
        const { stopRun } = await Promise.all(/* import() */[__nccwpck_require__.e(733), __nccwpck_require__.e(203), __nccwpck_require__.e(760)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2760));
        for (const handle of handles)
            await stopRun(handle, log);
    },
    baselineStore: {
        async fetch(settings, branch, size) {
            return (await Promise.all(/* import() */[__nccwpck_require__.e(733), __nccwpck_require__.e(945)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9945))).awsBaselineStore.fetch(settings, branch, size);
        },
        async save(settings, branch, resultsJson, options) {
            const { awsBaselineStore } = await Promise.all(/* import() */[__nccwpck_require__.e(733), __nccwpck_require__.e(945)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9945));
            return awsBaselineStore.save(settings, branch, resultsJson, options);
        }
    },
    doctor: {
        description: 'check a deployed AWS stack and the account before the first run',
        help: DOCTOR_HELP,
        uncheckedInputs: ['security-groups', 'min-workers', 'worker-replace-minutes', 'capacity'],
        requiredInputs: { 'stack-name': 'the doctor checks a deployed stack; give its name.' },
        async check(request, environment) {
            return (await Promise.all(/* import() */[__nccwpck_require__.e(733), __nccwpck_require__.e(229), __nccwpck_require__.e(265)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2265))).checkStack(request, environment);
        },
        async deploy(request, environment) {
            return (await Promise.all(/* import() */[__nccwpck_require__.e(733), __nccwpck_require__.e(645)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9645))).deployAwsStack(request, environment);
        }
    }
};

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
;// CONCATENATED MODULE: external "node:timers/promises"
const external_node_timers_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
;// CONCATENATED MODULE: ./build/src/run/locustfile.js
/** What the action reads in a locustfile's text (pure). */
/** Whether a locustfile defines a LoadTestShape subclass. */
function definesLoadShape(source) {
    return /^\s*class\s+\w+\s*\([^)]*\bLoadTestShape\b[^)]*\)\s*:/m.test(source);
}

// EXTERNAL MODULE: ./build/src/run/host.js
var run_host = __nccwpck_require__(7585);
// EXTERNAL MODULE: ./build/src/run/live-stats.js
var live_stats = __nccwpck_require__(7015);
;// CONCATENATED MODULE: ./build/src/run/results-layout.js
/**
 * The files of a results folder, whichever backend filled it. docker/entrypoint.py writes the same
 * CSV prefix on Fargate; keep the two in step.
 */

/** Prefix of Locust's CSVs: locust_stats.csv, locust_failures.csv, … */
const CSV_PREFIX = 'locust';
/** The reports written beside the CSVs once the run is judged. */
function reportPaths(resultsDir) {
    return { summary: (0,external_node_path_.join)(resultsDir, 'summary.md'), resultsJson: (0,external_node_path_.join)(resultsDir, 'results.json') };
}
/** Folders of the operating system a run must never write into, nor anywhere inside. */
const SYSTEM_FOLDERS = [
    '/bin',
    '/boot',
    '/dev',
    '/etc',
    '/lib',
    '/lib64',
    '/proc',
    '/sbin',
    '/sys',
    '/usr'
];
/** Top-level folders that hold other folders, never results directly. */
const SHARED_FOLDERS = ['/home', '/opt', '/root', '/run', '/srv', '/tmp', '/var'];
/** Files a run leaves in its results folder: one of them marks the folder as an earlier run's. */
const RUN_MARKERS = ['master.log', 'results.json', 'summary.md', `${CSV_PREFIX}_stats.csv`];
/**
 * Why a run must not write its results into `path` (absolute), or undefined when it may: the
 * root, a system folder, or a folder that holds other things than an earlier run's results
 * (`entries` lists what is in it; undefined when it does not exist yet). Pure.
 */
function whyNotAResultsFolder(path, entries) {
    if (path === (0,external_node_path_.parse)(path).root)
        return `${path} is the root of the file system`;
    if (SHARED_FOLDERS.includes(path))
        return `${path} is a system folder`;
    const system = SYSTEM_FOLDERS.find((folder) => path === folder || path.startsWith(folder + external_node_path_.sep));
    if (system !== undefined)
        return `${path} is ${path === system ? 'a system folder' : `inside the system folder ${system}`}`;
    if (entries === undefined || entries.length === 0)
        return undefined;
    if (entries.some((entry) => RUN_MARKERS.includes(entry)))
        return undefined;
    const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ', …' : '');
    return `${path} already holds other files (${shown}) and no earlier run's results`;
}

// EXTERNAL MODULE: ./build/src/run/write-file.js
var write_file = __nccwpck_require__(171);
// EXTERNAL MODULE: ./build/src/thresholds/abort.js
var abort = __nccwpck_require__(5232);
;// CONCATENATED MODULE: ./build/src/backend/local/command.js
/** Locust command lines for one master and its workers on this machine (pure). */


const LOOPBACK = '127.0.0.1';
function masterArgs(config, plan) {
    return [
        '-f',
        config.locustfile,
        '--master',
        '--master-bind-host',
        LOOPBACK,
        '--master-bind-port',
        String(plan.port),
        '--headless',
        ...(plan.loadShape ? [] : ['-u', String(config.users), '-r', String(config.spawnRate)]),
        // With rounds, the master's control channel times each round and ends the run itself.
        ...(plan.loadShape || config.rounds !== undefined ? [] : ['-t', `${config.runTimeSeconds}s`]),
        '--expect-workers',
        String(config.workers),
        '--expect-workers-max-wait',
        String(plan.workerWaitSeconds),
        '--csv',
        (0,external_node_path_.join)(config.resultsDir, CSV_PREFIX),
        '--csv-full-history',
        '--html',
        (0,external_node_path_.join)(config.resultsDir, 'report.html'),
        ...(config.host !== undefined ? ['-H', config.host] : []),
        ...config.locustArgs
    ];
}
/**
 * Workers get the user's extra flags too: user class names, tags and custom arguments are read on
 * the workers, and the rest is harmless there.
 */
function workerArgs(config, masterPort) {
    return [
        '-f',
        config.locustfile,
        '--worker',
        '--master-host',
        LOOPBACK,
        '--master-port',
        String(masterPort),
        ...config.locustArgs
    ];
}
/**
 * The version from `locust --version`: "locust 2.12.1" (2.12) or
 * "locust 2.32.1 from /…/site-packages/locust (python 3.12.3)" (current). Undefined when Locust
 * printed no version (Debian's package ships an empty one until repaired).
 */
function parseLocustVersion(output) {
    return /^locust\s+(\d[^\s]*)/m.exec(output.trim())?.[1];
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(1421);
;// CONCATENATED MODULE: ./build/src/backend/local/locust-runtime.js
/**
 * Finding the installed Locust (or installing one with pip into a virtualenv, cached by version in
 * the runner's tool cache), and starting it through a small bootstrap on Locust's own Python.
 */







/**
 * The Locust installed on a runner that has none when `locust-version` is not given: the version
 * of the AWS backend's container image (docker/Dockerfile), so both backends run the same Locust.
 */
const DEFAULT_LOCUST_VERSION = '2.43.3';
class LocustSetupError extends errors/* DistributedLocustError */.O {
}
/**
 * Makes a Locust process quit when the process that started it is gone (killed with SIGKILL, it
 * could stop nothing): a greenlet watches the parent pid and sends this process SIGTERM, which
 * Locust handles as a normal stop, then ends it for good if that stop hangs. Needs Locust's gevent.
 */
const PARENT_WATCHDOG = `
def watch_parent():
    import os, signal, gevent
    parent = os.getppid()
    def watch():
        while os.getppid() == parent:
            gevent.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)
        gevent.sleep(3)
        os._exit(3)
    gevent.spawn(watch)
`;
/**
 * Runs Locust's own `main()`, after making its CSV writer flush every second and at exit. Locust
 * (2.12 at least) flushes `_stats_history.csv` every 10 s only and drops the unflushed rows when it
 * exits, which leaves short runs without any history and hides live progress.
 */
const LOCUST_BOOTSTRAP = `${PARENT_WATCHDOG}
import atexit, sys
import locust.stats as stats
stats.CSV_STATS_FLUSH_INTERVAL_SEC = 1
writers = []
Writer = getattr(stats, "StatsCSVFileWriter", None)
if Writer is not None:
    original_init = Writer.__init__
    def tracked_init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        writers.append(self)
    Writer.__init__ = tracked_init
    def flush_all():
        for writer in writers:
            for name in ("requests_flush", "stats_history_flush", "failures_flush", "exceptions_flush"):
                try:
                    getattr(writer, name)()
                except Exception:
                    pass
    atexit.register(flush_all)
from locust.main import main
watch_parent()
sys.argv[0] = "locust"
sys.exit(main())
`;
const INSTALL_HINT = 'Install it with `pip install locust` (or `apt-get install python3-locust` on Debian/Ubuntu), ' +
    'or give `locust-version` (`--locust-version` on the CLI) so that it is installed with pip before the run.';
const PIP_TIMEOUT_MS = 10 * 60_000;
function runCommand(command, args, env, timeoutMs, signal, cwd) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)(command, args, { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, signal, cwd }, (error, stdout, stderr) => {
            const output = `${stdout}${stderr}`;
            if (error && error.code === 'ENOENT')
                resolve({ started: false, exitCode: -1, output });
            else
                resolve({
                    started: true,
                    exitCode: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
                    output
                });
        });
    });
}
function findOnPath(name, env) {
    for (const folder of (env.PATH ?? '').split(external_node_path_.delimiter).filter(Boolean)) {
        const candidate = (0,external_node_path_.join)(folder, name);
        try {
            (0,external_node_fs_.accessSync)(candidate, external_node_fs_.constants.X_OK);
            return candidate;
        }
        catch {
            // not in this folder
        }
    }
    return undefined;
}
/** How to start Locust as a person would read it: the bootstrap's source shown as <bootstrap>. */
function shownCommand(locust) {
    return [locust.command, ...locust.prefixArgs]
        .map((arg) => (arg === LOCUST_BOOTSTRAP ? '<bootstrap>' : arg))
        .join(' ');
}
/** The Python interpreter named by a script's shebang ("#!/usr/bin/python3", "#!/usr/bin/env python3"). */
function pythonFromShebang(firstLine) {
    const match = /^#!\s*(.+)$/.exec(firstLine.trim());
    if (!match)
        return undefined;
    const words = match[1].trim().split(/\s+/);
    const interpreter = words[0].endsWith('/env') ? words.slice(1) : words;
    return interpreter.length > 0 && /(^|\/)python[\d.]*$/.test(interpreter[0])
        ? interpreter
        : undefined;
}
function firstLineOf(path) {
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        const buffer = Buffer.alloc(256);
        const bytesRead = (0,external_node_fs_.readSync)(fd, buffer, 0, buffer.length, 0);
        return buffer.toString('utf8', 0, bytesRead).split('\n')[0];
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** `locust` from PATH, run through the bootstrap on its own Python when its shebang names one. */
function locustOnPath(env) {
    const script = findOnPath('locust', env);
    if (script === undefined)
        return undefined;
    const python = pythonFromShebang(firstLineOf(script));
    return python
        ? { command: python[0], prefixArgs: [...python.slice(1), '-c', LOCUST_BOOTSTRAP] }
        : { command: script, prefixArgs: [] };
}
/** Starts Locust (`--version`): proves that it runs, but importing Locust costs half a second of CPU. */
async function probe(locust, env) {
    // From an empty folder: Locust imports a locustfile.py it finds in its working directory even
    // for --version, and the user's (which may not import) is no question of whether Locust runs.
    const neutral = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'locust-probe-'));
    try {
        const result = await runCommand(locust.command, [...locust.prefixArgs, '--version'], env, 60_000, undefined, neutral);
        if (!result.started || result.exitCode !== 0)
            return undefined;
        return { command: locust, version: parseLocustVersion(result.output) };
    }
    finally {
        await (0,promises_.rm)(neutral, { recursive: true, force: true });
    }
}
/**
 * Prints, as JSON, the version in the package metadata of the Locust this Python imports and the
 * text of its locust/_version.py, without importing Locust (gevent patches on import); exits 3 when
 * this Python has no Locust. The container reads the version the same way (locust_cli.py).
 */
const LOCUST_VERSION_SCRIPT = `
import json, os, sys
from importlib import metadata, util
spec = util.find_spec("locust")
if spec is None or not spec.origin:
    sys.exit(3)
try:
    recorded = metadata.version("locust")
except metadata.PackageNotFoundError:
    recorded = None
try:
    with open(os.path.join(os.path.dirname(spec.origin), "_version.py"), encoding="utf-8") as file:
        version_file = file.read()
except OSError:
    version_file = None
print(json.dumps({"metadata": recorded, "versionFile": version_file}))
`;
/**
 * The first real version of: the package metadata, the `version = '…'` of locust/_version.py.
 * Versions below 1 do not count: Debian's 2.12.1 records 0.0.0 in its metadata and an empty
 * version in _version.py (until scripts/install-locust.sh repairs it), which `locust --version`
 * prints as no version at all.
 */
function installedLocustVersion(metadataVersion, versionFile) {
    const fromFile = /version\s*=\s*['"]([^'"]+)['"]/.exec(versionFile ?? '')?.[1];
    return [metadataVersion, fromFile].find((version) => !!version && /^([1-9]\d*)\.\d+/.test(version));
}
/**
 * The Locust of a Python started through the bootstrap, known from its installed files (a
 * twentieth of a probe's CPU); undefined when that cannot be read, so that `--version` decides.
 */
async function readInstalledVersion(locust, env) {
    if (locust.prefixArgs.at(-1) !== LOCUST_BOOTSTRAP)
        return undefined;
    const pythonArgs = locust.prefixArgs.slice(0, -2);
    const result = await runCommand(locust.command, [...pythonArgs, '-c', LOCUST_VERSION_SCRIPT], env, 60_000);
    // The output holds stderr too, where Python may have warned about something.
    const printed = result.output.split('\n').find((line) => line.startsWith('{'));
    if (!result.started || result.exitCode !== 0 || printed === undefined)
        return undefined;
    try {
        const read = JSON.parse(printed);
        return { command: locust, version: installedLocustVersion(read.metadata, read.versionFile) };
    }
    catch {
        return undefined;
    }
}
/** What the Locust already installed is, read once per process for each command and PATH. */
const installedLocusts = new Map();
async function findInstalled(locust, env) {
    const key = JSON.stringify([locust.command, locust.prefixArgs, env.PATH, env.PYTHONPATH]);
    const known = installedLocusts.get(key);
    if (known)
        return known;
    const installed = (await readInstalledVersion(locust, env)) ?? (await probe(locust, env));
    if (installed)
        installedLocusts.set(key, installed);
    return installed;
}
/**
 * The Locust to run. One on PATH is used as it is (with a warning when it is not the version asked
 * for); otherwise the version asked for, or on a runner the default, is installed with pip.
 */
async function ensureLocust(options) {
    const candidate = options.locust ?? locustOnPath(options.env);
    const installed = candidate && (await findInstalled(candidate, options.env));
    if (installed) {
        if (options.version === undefined || installed.version === options.version)
            return installed;
        const note = `\`locust-version\` asks for ${options.version}, but the Locust already installed (${installed.version ?? 'no version printed'}) ran instead; remove it from the runner or ask for its version`;
        options.warn(`${note}.`);
        return { ...installed, note };
    }
    const missing = candidate
        ? `\`${shownCommand(candidate)} --version\` failed`
        : 'no `locust` command on PATH';
    const runnerTemp = options.env.RUNNER_TEMP || undefined;
    const version = options.version ?? (runnerTemp ? DEFAULT_LOCUST_VERSION : undefined);
    if (version === undefined)
        throw new LocustSetupError(`Locust is not installed (${missing}). ${INSTALL_HINT}`);
    const why = options.version === undefined
        ? `the default version, as \`locust-version\` is not given`
        : 'as `locust-version` asks';
    const toolCache = options.env.RUNNER_TOOL_CACHE || undefined;
    const cached = toolCache && (0,external_node_path_.join)(toolCache, 'locust', version, (0,external_node_os_.arch)());
    if (cached && (0,external_node_fs_.existsSync)(`${cached}.complete`)) {
        const fromCache = await probe(venvLocust(cached), options.env);
        if (fromCache?.version === version) {
            options.log(`Locust ${version} (${why}) runs from the tool cache: ${cached}`);
            return { ...fromCache, note: `from the runner's tool cache, ${why}` };
        }
        options.warn(`The cached Locust in ${cached} does not run Locust ${version}; installing it again.`);
    }
    const venv = (0,external_node_path_.join)(runnerTemp ?? (0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'distributed-locust'), `locust-${version}`);
    options.log(`Locust is not installed (${missing}); installing locust==${version} (${why}) with pip into ${venv}…`);
    const fromPip = await installIntoVirtualenv(venv, version, options);
    if (cached) {
        try {
            await (0,promises_.rm)(cached, { recursive: true, force: true });
            await (0,promises_.cp)(venv, cached, { recursive: true, verbatimSymlinks: true });
            await (0,promises_.writeFile)(`${cached}.complete`, '');
            options.log(`Cached Locust ${version} in the tool cache: ${cached}`);
        }
        catch (error) {
            options.warn(`Could not cache Locust in ${cached} (${error.message}); the next run installs it again.`);
        }
    }
    return { ...fromPip, note: `installed with pip, ${why}` };
}
/** A virtualenv's Python, through the bootstrap (its `bin/locust` script names the folder it was made in). */
function venvLocust(venv) {
    return { command: (0,external_node_path_.join)(venv, 'bin', 'python'), prefixArgs: ['-c', LOCUST_BOOTSTRAP] };
}
async function installIntoVirtualenv(venv, version, options) {
    const lastLines = (output) => output.trim().split('\n').slice(-8).join('\n');
    // Offline, pip writes a retry warning per attempt before its one line of error: keep the errors.
    const pipErrors = (output) => {
        const errors = output.split('\n').filter((line) => line.startsWith('ERROR:'));
        return errors.length > 0 ? errors.slice(-8).join('\n') : lastLines(output);
    };
    await (0,promises_.rm)(venv, { recursive: true, force: true });
    const created = await runCommand(options.python, ['-m', 'venv', venv], options.env, 120_000, options.signal);
    if (!created.started || created.exitCode !== 0) {
        throw new LocustSetupError(`Creating a virtualenv for Locust with \`${options.python} -m venv\` failed` +
            (created.started ? `:\n${lastLines(created.output)}` : ` (${options.python} not found).`) +
            '\nInstall Python 3 with its venv module (python3-venv on Debian/Ubuntu), or install Locust before this step.');
    }
    const locust = venvLocust(venv);
    const env = { ...options.env, PIP_DISABLE_PIP_VERSION_CHECK: '1' };
    const pip = await runCommand(locust.command, ['-m', 'pip', 'install', '--quiet', `locust==${version}`], env, PIP_TIMEOUT_MS, options.signal);
    if (!pip.started || pip.exitCode !== 0) {
        throw new LocustSetupError(`Installing locust==${version} with pip into ${venv} failed:\n${pipErrors(pip.output)}` +
            '\nCheck that this Locust version exists and that PyPI can be reached, or install Locust before this step.');
    }
    const afterInstall = await probe(locust, options.env);
    if (!afterInstall) {
        throw new LocustSetupError(`pip installed locust==${version} into ${venv}, but its Python still cannot run it. ${INSTALL_HINT}`);
    }
    // A Locust on PYTHONPATH (or in site-packages the virtualenv sees) wins over the one pip put
    // there: the run would then claim one version and run another.
    if (afterInstall.version !== version) {
        throw new LocustSetupError(`pip installed locust==${version} into ${venv}, but its Python runs Locust ${afterInstall.version || 'of an unknown version'}: another Locust shadows it (PYTHONPATH, or a site-packages folder the virtualenv sees). Unset PYTHONPATH, or remove \`locust-version\` to run the installed Locust ${afterInstall.version}.`);
    }
    return afterInstall;
}

;// CONCATENATED MODULE: ./build/src/backend/local/control.js
/**
 * The master's control channel on this machine: docker/distributed_locust/control.py, the same
 * Python module the container's master runs, loaded into the local Locust master before Locust's
 * own main() (today it writes histograms.json; see the module's docstring for what comes next).
 */




const CONTROL_MODULE = (0,external_node_path_.join)('docker', 'distributed_locust', 'control.py');
/** src/backend/local/ and dist/<entry>/ both sit a few folders below the repository root. */
const FOLDERS_UP = 5;
/** The control module of this checkout: searched upwards from this code, since src/ and dist/ sit at different depths. */
function findControlModule(from = (0,external_node_path_.dirname)((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url))) {
    let folder = from;
    for (let i = 0; i <= FOLDERS_UP; i++) {
        const candidate = (0,external_node_path_.join)(folder, CONTROL_MODULE);
        if ((0,external_node_fs_.existsSync)(candidate))
            return candidate;
        folder = (0,external_node_path_.dirname)(folder);
    }
    return undefined;
}
/**
 * Loads the control module by its path (DL_CONTROL_MODULE) without putting its folder on
 * sys.path, where its modules could shadow the user's, and registers its listeners.
 */
const CONTROL_LOADER = `
import importlib.util, os
_spec = importlib.util.spec_from_file_location("distributed_locust_control", os.environ["DL_CONTROL_MODULE"])
_control = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_control)
_control.install()
`;
/**
 * How to start the master: Locust's bootstrap with the control channel loaded first. Plain Locust
 * where there is no bootstrap to extend (Locust found only as a script) or no control module.
 */
function masterLaunch(locust, controlModule) {
    const bootstrapAt = locust.prefixArgs.indexOf(LOCUST_BOOTSTRAP);
    if (controlModule === undefined || bootstrapAt === -1)
        return { locust, env: {} };
    const prefixArgs = locust.prefixArgs.with(bootstrapAt, CONTROL_LOADER + LOCUST_BOOTSTRAP);
    return {
        locust: { command: locust.command, prefixArgs },
        env: { DL_CONTROL_MODULE: controlModule }
    };
}

// EXTERNAL MODULE: ./build/src/run/duet-rounds.js
var duet_rounds = __nccwpck_require__(5059);
;// CONCATENATED MODULE: ./build/src/backend/local/environment.js
/**
 * The environment Locust's processes get: only what Python, Locust and HTTP clients need, plus the
 * variables the user names in `pass-env`. The runner's own environment holds credentials
 * (ACTIONS_ID_TOKEN_REQUEST_TOKEN mints OIDC tokens, ACTIONS_RUNTIME_TOKEN, every INPUT_*), which a
 * locustfile must not be able to read. Pure.
 */
/** Variables passed by exact name. */
const BASIC_NAMES = new Set([
    'PATH',
    'HOME',
    'USER',
    'LOGNAME',
    'SHELL',
    'TMPDIR',
    'TMP',
    'TEMP',
    'LANG',
    'LANGUAGE',
    'TZ',
    'VIRTUAL_ENV',
    'CONDA_PREFIX',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
    'REQUESTS_CA_BUNDLE',
    'CURL_CA_BUNDLE',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'ALL_PROXY',
    'http_proxy',
    'https_proxy',
    'no_proxy',
    'all_proxy'
]);
/** Locale (LC_ALL, LC_CTYPE, …) and Python's own settings (PYTHONPATH, PYTHONHOME, …). */
const BASIC_PREFIXES = ['LC_', 'PYTHON'];
/** What `pass-env` may not name: the runner's credentials and the action's own inputs. */
const RUNNER_SECRET_PATTERN = /^(ACTIONS_|INPUT_|STATE_|GITHUB_TOKEN$)/i;
function isBasicVariable(name) {
    return BASIC_NAMES.has(name) || BASIC_PREFIXES.some((prefix) => name.startsWith(prefix));
}
/** The environment for Locust: the basic variables and `passEnv` names present in `env`. */
function locustEnvironment(env, passEnv = []) {
    const passed = {};
    for (const [name, value] of Object.entries(env)) {
        if (value !== undefined && (isBasicVariable(name) || passEnv.includes(name))) {
            passed[name] = value;
        }
    }
    // Logs are read while Locust runs: unbuffered output shows each line as it is written.
    return { ...passed, PYTHONUNBUFFERED: '1' };
}

;// CONCATENATED MODULE: ./build/src/results/errors.js

/** A results folder or file that cannot be read as Locust output; the message says what to do. */
class ResultsError extends errors/* DistributedLocustError */.O {
}

;// CONCATENATED MODULE: ./build/src/results/numbers.js
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

;// CONCATENATED MODULE: ./build/src/results/columns.js
/**
 * Finds Locust's columns by header name, never by position, so that extra or reordered columns
 * (newer Locust versions, custom percentiles) do not matter. Pure.
 */


/**
 * The error for a file holding numbers Locust cannot have written: the run's verdict becomes
 * "error", since no rule can be judged on them.
 */
function unreadable(file, line, problem) {
    return new ResultsError(`results unreadable: ${file}:${line}: ${problem}. Locust never writes this; check that the ` +
        `file is Locust's own output and was not edited.`);
}
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
    /** A counter: a whole number of at least 0; "N/A" or an absent column count as zero. */
    count(fields, key, line) {
        const value = this.number(fields, key, line) ?? 0;
        if (!Number.isInteger(value)) {
            throw this.unreadable(line, this.index[key], `${value} is not a whole number, and a count is one`);
        }
        return value;
    }
    /** A rate per second, at least 0; "N/A" or an absent column count as zero. */
    rate(fields, key, line) {
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
    /**
     * The cell in column `index` as a number, null for "N/A". Every figure Locust writes (times,
     * sizes, counts, rates) is finite and never negative, so anything else is refused.
     */
    numberAt(fields, index, line) {
        const text = this.textAt(fields, index, line);
        const value = index === -1 ? null : parseNumberText(text);
        if (value === null)
            return null;
        if (Number.isNaN(value))
            throw this.unreadable(line, index, `expected a number or N/A, got "${text}"`);
        if (!Number.isFinite(value))
            throw this.unreadable(line, index, `"${text}" is not a finite number`);
        if (value < 0)
            throw this.unreadable(line, index, `${text} is negative, which Locust never writes`);
        return value;
    }
    /** The error for an impossible cell: "results unreadable: x_stats.csv:4: column …". */
    unreadable(line, index, problem) {
        return unreadable(this.file, line, `column "${this.headerName(index)}": ${problem}`);
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
            this.checkHeader(fields);
            this.columns = Columns.fromHeader(fields, this.spec, this.file);
            this.header(fields);
        }
        else {
            this.row(fields, line, this.columns);
        }
    }
    /** Called once with the header, before the columns are looked for: refuses known non-formats. */
    checkHeader(_fields) { }
    /** Called once with the header, after the columns were found. */
    header(_fields) { }
}

;// CONCATENATED MODULE: ./build/src/results/csv.js

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
class CsvError extends errors/* DistributedLocustError */.O {
    line;
    constructor(message, line) {
        super(message);
        this.line = line;
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

;// CONCATENATED MODULE: ./build/src/results/downsample.js
/**
 * How often each Locust worker sends its counts to the master. Buckets and chart intervals are a
 * whole number of these, so each holds as many reports as the next: other widths beat against the
 * reports (2-second buckets of a steady run read alternately 66 and 200 requests/s).
 */
const LOCUST_REPORT_SECONDS = 3;
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
    Slot[Slot["P99Max"] = 9] = "P99Max";
    Slot[Slot["TotalRequests"] = 10] = "TotalRequests";
    Slot[Slot["TotalFailures"] = 11] = "TotalFailures";
    /** Sums over the bucket's samples whose totals differ from the sample before (report arrivals). */
    Slot[Slot["ReportTimeSum"] = 12] = "ReportTimeSum";
    Slot[Slot["ReportRequestsSum"] = 13] = "ReportRequestsSum";
    Slot[Slot["ReportFailuresSum"] = 14] = "ReportFailuresSum";
    Slot[Slot["Reports"] = 15] = "Reports";
    Slot[Slot["Count"] = 16] = "Count";
})(Slot || (Slot = {}));
const DEFAULT_MAX_HISTORY_POINTS = 120;
class HistoryDownsampler {
    maxPoints;
    /** Bucket b's slot s lives at buckets[b * Slot.Count + s]. */
    buckets;
    bucketCount = 0;
    origin = 0;
    widthSeconds = 1;
    firstSample = null;
    peakUsers = 0;
    lastActiveUsers = 0;
    previousTotals = null;
    /**
     * Requests and failures counted since the first sample, across Locust's resets: a total lower
     * than the one before (Locust clears its stats when a round starts) counts again from 0.
     */
    countedRequests = 0;
    countedFailures = 0;
    /**
     * The last row whose totals differ from the row before (the workers' final reports, usually):
     * its time, requests and failures; kept in place, as the parser allocates nothing per row.
     */
    lastChange = new Float64Array([NaN, 0, 0]);
    usersStoppedAt = null;
    constructor(maxPoints = DEFAULT_MAX_HISTORY_POINTS) {
        this.maxPoints = maxPoints;
        if (!Number.isInteger(maxPoints) || maxPoints < 1) {
            throw new RangeError(`maxPoints must be a whole number of at least 1, got ${maxPoints}`);
        }
        this.buckets = new Float64Array((maxPoints + 1) * Slot.Count);
    }
    /** Adds one sample; p50/p95 are NaN when Locust wrote N/A. Timestamps must be finite. */
    add(timestamp, users, rps, failRps, p50, p95, p99, totalRequests, totalFailures) {
        if (this.bucketCount === 0)
            this.firstSample = { timestamp, totalRequests, totalFailures };
        this.peakUsers = Math.max(this.peakUsers, users);
        if (users > 0) {
            this.lastActiveUsers = users;
            this.usersStoppedAt = null;
        }
        else if (this.lastActiveUsers > 0 && this.usersStoppedAt === null) {
            this.usersStoppedAt = timestamp;
        }
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
        buckets[s + Slot.P95Max] = maxIgnoringNaN(buckets[s + Slot.P95Max], p95);
        buckets[s + Slot.P99Max] = maxIgnoringNaN(buckets[s + Slot.P99Max], p99);
        buckets[s + Slot.TotalRequests] = totalRequests;
        buckets[s + Slot.TotalFailures] = totalFailures;
        const previous = this.previousTotals;
        if (previous === null) {
            this.countedRequests = totalRequests;
            this.countedFailures = totalFailures;
        }
        else if (previous[0] !== totalRequests || previous[1] !== totalFailures) {
            this.countedRequests += countedSince(previous[0], totalRequests);
            this.countedFailures += countedSince(previous[1], totalFailures);
            buckets[s + Slot.ReportTimeSum] += timestamp;
            buckets[s + Slot.ReportRequestsSum] += this.countedRequests;
            buckets[s + Slot.ReportFailuresSum] += this.countedFailures;
            buckets[s + Slot.Reports]++;
            const last = this.lastChange;
            last[0] = timestamp;
            last[1] = this.countedRequests;
            last[2] = this.countedFailures;
        }
        this.previousTotals = [totalRequests, totalFailures];
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
                p99Ms: Number.isNaN(at(Slot.P99Max)) ? null : at(Slot.P99Max),
                totalRequests: at(Slot.TotalRequests),
                totalFailures: at(Slot.TotalFailures)
            });
        }
        return points;
    }
    /**
     * Where worker reports moved the totals: per bucket, the mean time and counts of the samples
     * that showed a change (counted since the first sample, across Locust's resets). A bucket of
     * whole report periods holds every worker's reports alike, so these means lie on one line under a
     * steady load, however the workers' reports are staggered.
     * The run's last change is kept exactly beside its bucket's mean: it is the workers' final
     * reports when the users stopped, which count a stretch of their own.
     */
    counts() {
        const counts = [];
        const [time, requests, failures] = this.lastChange;
        const last = Number.isNaN(time)
            ? null
            : { timestamp: time, totalRequests: requests, totalFailures: failures };
        for (let b = 0; b < this.bucketCount; b++) {
            const s = b * Slot.Count;
            const at = (slot) => this.buckets[s + slot];
            const next = b + 1 < this.bucketCount ? this.buckets[s + Slot.Count + Slot.Start] : Infinity;
            const holdsLast = last !== null && last.timestamp >= at(Slot.Start) && last.timestamp < next;
            const kept = holdsLast ? 1 : 0;
            const reports = at(Slot.Reports) - kept;
            if (reports > 0) {
                counts.push({
                    timestamp: (at(Slot.ReportTimeSum) - kept * last.timestamp) / reports,
                    totalRequests: (at(Slot.ReportRequestsSum) - kept * last.totalRequests) / reports,
                    totalFailures: (at(Slot.ReportFailuresSum) - kept * last.totalFailures) / reports
                });
            }
            if (holdsLast)
                counts.push(last);
        }
        return counts;
    }
    /** What the whole run's samples show, whatever the downsampling: null without samples. */
    span() {
        if (this.firstSample === null)
            return null;
        const last = (this.bucketCount - 1) * Slot.Count;
        return {
            first: this.firstSample,
            lastTimestamp: this.buckets[last + Slot.LastTimestamp],
            peakUsers: this.peakUsers,
            // Locust writes its last rows after it has stopped the users: they show 0.
            finalUsers: this.lastActiveUsers,
            ...(this.usersStoppedAt === null ? {} : { usersStoppedAt: this.usersStoppedAt })
        };
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
        this.buckets[s + Slot.P99Max] = NaN;
        return b;
    }
    /** Widens the buckets until they fit, merging neighbours in place. */
    coarsen() {
        const buckets = this.buckets;
        while (this.bucketCount > this.maxPoints) {
            this.widthSeconds = this.widthSeconds === 1 ? LOCUST_REPORT_SECONDS : this.widthSeconds * 2;
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
    buckets[into + Slot.P99Max] = maxIgnoringNaN(buckets[into + Slot.P99Max], buckets[from + Slot.P99Max]);
    buckets[into + Slot.TotalRequests] = buckets[from + Slot.TotalRequests];
    buckets[into + Slot.TotalFailures] = buckets[from + Slot.TotalFailures];
    for (const slot of [
        Slot.ReportTimeSum,
        Slot.ReportRequestsSum,
        Slot.ReportFailuresSum,
        Slot.Reports
    ]) {
        buckets[into + slot] += buckets[from + slot];
    }
}
/** What a total brought since the one before; lower, it was reset and counts again from 0. */
function countedSince(before, after) {
    return after >= before ? after - before : after;
}
function maxIgnoringNaN(a, b) {
    if (Number.isNaN(a))
        return b;
    if (Number.isNaN(b))
        return a;
    return Math.max(a, b);
}

;// CONCATENATED MODULE: ./build/src/results/history.js





/** The history's columns, for every reader of the file (the local backend's live figures too). */
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
// Roles are stored in a Uint8Array for speed, so they are read back as numbers:
/* eslint-disable @typescript-eslint/no-unsafe-enum-comparison */
var Role;
(function (Role) {
    Role[Role["Timestamp"] = 0] = "Timestamp";
    Role[Role["Users"] = 1] = "Users";
    Role[Role["Rps"] = 2] = "Rps";
    Role[Role["FailRps"] = 3] = "FailRps";
    Role[Role["P50"] = 4] = "P50";
    Role[Role["P95"] = 5] = "P95";
    Role[Role["P99"] = 6] = "P99";
    Role[Role["TotalRequests"] = 7] = "TotalRequests";
    Role[Role["TotalFailures"] = 8] = "TotalFailures";
    Role[Role["NumericCount"] = 9] = "NumericCount";
    Role[Role["Type"] = 9] = "Type";
    Role[Role["Name"] = 10] = "Name";
    Role[Role["Ignored"] = 11] = "Ignored";
})(Role || (Role = {}));
/** The numeric cells a sample needs; percentiles may be absent (custom percentile lists). */
const REQUIRED_NUMERIC = [
    Role.Timestamp,
    Role.Users,
    Role.Rps,
    Role.FailRps,
    Role.TotalRequests,
    Role.TotalFailures
];
const PERCENTILES = [Role.P50, Role.P95, Role.P99];
const NUMERIC = [...REQUIRED_NUMERIC, ...PERCENTILES];
/** Cells that count things: whole numbers. */
const WHOLE = [Role.Users, Role.TotalRequests, Role.TotalFailures];
var Cell;
(function (Cell) {
    Cell[Cell["Missing"] = 0] = "Missing";
    Cell[Cell["Number"] = 1] = "Number";
    Cell[Cell["Null"] = 2] = "Null";
    Cell[Cell["Invalid"] = 3] = "Invalid";
})(Cell || (Cell = {}));
/** The aggregate's label among the windows: its name, as endpointLabel gives it. */
const AGGREGATE_LABEL = 'Aggregated';
/** "Aggregated" in ASCII. */
const AGGREGATED = [0x41, 0x67, 0x67, 0x72, 0x65, 0x67, 0x61, 0x74, 0x65, 0x64];
/**
 * Locust's "current" percentiles and requests/s in a history row cover the last 10 s
 * (CURRENT_RESPONSE_TIME_PERCENTILE_WINDOW): rows at least this far apart describe disjoint sets
 * of requests.
 */
const LOCUST_WINDOW_SECONDS = 10;
/**
 * The most windows kept, all endpoints together; beyond, every series keeps every second one. Even
 * 50 endpoints keep 50 windows or more each, plenty for batch means, and the reader's peak memory
 * on a 140 MB history stays within a few MB of what it was without windows.
 */
const MAX_WINDOWS = 5000;
/**
 * Each endpoint's and the aggregate's non-overlapping windows, from the raw rows as they are read
 * (Locust writes one row per endpoint and one Aggregated row per interval, all with the interval's
 * timestamp). The windows follow one schedule: an interval is a window when users are running, a
 * whole window has passed since they started (before, Locust's "current" figures cover part of a
 * window and read 0), and it is at least the spacing after the last one. An endpoint with no
 * requests yet (N/A) has no window there; one with none in the window (0 requests/s) keeps its rate
 * but no percentiles, which Locust then writes as 0. The spacing starts at Locust's window and
 * doubles (each series dropping every second window) whenever more than `maxWindows` would be kept,
 * so memory stays bounded and every series stays disjoint.
 */
class WindowCollector {
    maxWindows;
    series = new Map();
    spacing = LOCUST_WINDOW_SECONDS;
    current = Number.NEGATIVE_INFINITY;
    usersStarted = Number.POSITIVE_INFINITY;
    kept = 0;
    constructor(maxWindows = MAX_WINDOWS) {
        this.maxWindows = maxWindows;
    }
    /**
     * Whether a row of this interval may be a window: the rest of the row is read only then. Asked
     * for every row in file order, so the first row with users running marks when they started.
     */
    wanted(timestamp, users) {
        if (users <= 0)
            return false;
        this.usersStarted = Math.min(this.usersStarted, timestamp);
        if (timestamp - this.usersStarted < LOCUST_WINDOW_SECONDS)
            return false;
        return timestamp === this.current || timestamp - this.current >= this.spacing;
    }
    /** A row `wanted` said yes to, by its endpoint's label ("GET /items", or "Aggregated"). */
    add(label, users, window) {
        if (!this.wanted(window.timestamp, users) || window.p50Ms === null)
            return;
        this.current = window.timestamp;
        const windows = this.series.get(label) ?? [];
        this.series.set(label, windows);
        if (windows.at(-1)?.timestamp === window.timestamp)
            return;
        const requested = window.rps > 0;
        windows.push(requested ? window : { ...window, p50Ms: null, p95Ms: null, p99Ms: null });
        if (++this.kept <= this.maxWindows)
            return;
        this.kept = 0;
        for (const [name, list] of this.series) {
            const thinned = list.filter((_, index) => index % 2 === 0);
            this.series.set(name, thinned);
            this.kept += thinned.length;
        }
        this.spacing *= 2;
    }
    finish() {
        return this.series;
    }
}
class HistoryParser {
    file;
    header = [];
    roles = new Uint8Array(0);
    columnNames = [];
    hasTypeColumn = false;
    downsampler;
    windows = new WindowCollector();
    rowsRead = 0;
    // The row being read.
    values = new Float64Array(Role.NumericCount);
    cells = new Uint8Array(Role.NumericCount);
    invalidText = new Array(Role.NumericCount).fill('');
    typeEmpty = true;
    nameSeen = false;
    aggregated = false;
    /** An endpoint row that may be a window: its method and name, else null (the row is skipped). */
    endpointType = '';
    endpointName = null;
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
            // Endpoint rows are skipped as soon as their name is known, unless they may be a window.
            if (this.nameSeen && !this.aggregated && this.endpointName === null)
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
            if (!this.aggregated && this.windowWanted())
                this.endpointName = decodeField(bytes, start, end);
        }
        else if (role === Role.Type) {
            this.typeEmpty = start === end;
            // Decoded only for the rows that may be windows (one interval in ten): files can be huge.
            if (this.windowWanted())
                this.endpointType = decodeField(bytes, start, end);
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
        else if (this.endpointName !== null)
            this.addEndpointWindow(this.endpointName);
        this.cells.fill(Cell.Missing);
        this.typeEmpty = true;
        this.nameSeen = false;
        this.aggregated = false;
        this.endpointType = '';
        this.endpointName = null;
    }
    /** Locust writes the timestamp and users before the type and name: known by then. */
    windowWanted() {
        return (this.cells[Role.Timestamp] === Cell.Number &&
            this.cells[Role.Users] === Cell.Number &&
            this.windows.wanted(this.values[Role.Timestamp], this.values[Role.Users]));
    }
    /** An endpoint's row in a window interval; a cell that is no number is no figure. */
    addEndpointWindow(name) {
        if (this.cells[Role.Rps] !== Cell.Number)
            return;
        const label = (0,model/* endpointLabel */.m)({ method: this.endpointType, name });
        this.windows.add(label, this.values[Role.Users], this.windowOf());
    }
    windowOf() {
        const valueOrNull = (role) => this.cells[role] === Cell.Number ? this.values[role] : null;
        return {
            timestamp: this.values[Role.Timestamp],
            rps: this.values[Role.Rps],
            p50Ms: valueOrNull(Role.P50),
            p95Ms: valueOrNull(Role.P95),
            p99Ms: valueOrNull(Role.P99)
        };
    }
    finish() {
        return {
            points: this.downsampler.points(),
            counts: this.downsampler.counts(),
            windows: this.windows.finish(),
            rowsRead: this.rowsRead,
            span: this.downsampler.span()
        };
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
        assign(percentiles.find((p) => p.quantile === 99)?.index ?? -1, Role.P99);
        this.roles = roles;
        this.columnNames = header.map((name) => name.trim());
        this.hasTypeColumn = columns.has('type');
    }
    columnOf(role) {
        return this.columnNames[this.roles.indexOf(role)];
    }
    addSample(line) {
        const { cells, values } = this;
        // A row cut short (Locust stopped mid-write) is skipped: the series is still useful without it.
        if (REQUIRED_NUMERIC.some((role) => cells[role] === Cell.Missing))
            return;
        for (const role of NUMERIC) {
            const nullAllowed = PERCENTILES.includes(role);
            if (cells[role] === Cell.Invalid || (cells[role] === Cell.Null && !nullAllowed)) {
                const text = cells[role] === Cell.Null ? 'N/A' : this.invalidText[role];
                throw unreadable(this.file, line, `column "${this.columnOf(role)}": expected a number, got "${text}"`);
            }
            if (cells[role] !== Cell.Number)
                continue;
            const value = values[role];
            const problem = !Number.isFinite(value)
                ? 'is not a finite number'
                : value < 0
                    ? 'is negative'
                    : WHOLE.includes(role) && !Number.isInteger(value)
                        ? 'is not a whole number, and it counts things'
                        : undefined;
            if (problem !== undefined) {
                throw unreadable(this.file, line, `column "${this.columnOf(role)}": ${value} ${problem}`);
            }
        }
        if (values[Role.TotalFailures] > values[Role.TotalRequests]) {
            throw unreadable(this.file, line, `${values[Role.TotalFailures]} failures out of ${values[Role.TotalRequests]} requests; failures are requests that failed, so never more`);
        }
        const valueOrNaN = (role) => (cells[role] === Cell.Number ? values[role] : NaN);
        this.windows.add(AGGREGATE_LABEL, values[Role.Users], this.windowOf());
        this.downsampler.add(values[Role.Timestamp], values[Role.Users], values[Role.Rps], values[Role.FailRps], valueOrNaN(Role.P50), valueOrNaN(Role.P95), valueOrNaN(Role.P99), values[Role.TotalRequests], values[Role.TotalFailures]);
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
/* eslint-enable @typescript-eslint/no-unsafe-enum-comparison */

;// CONCATENATED MODULE: ./build/src/backend/local/history.js
/**
 * The latest live figures from the end of `<prefix>_stats_history.csv` while Locust writes it
 * (pure). Only the Aggregated row is read, and that row never holds quoted text, so splitting on
 * commas is exact for it; other rows are skipped. Its columns are the stats history's own
 * (src/results/history.ts).
 */


/**
 * Locust's own "Requests/s" column stays 0 on a 2.12 master, and workers report only every 3 s,
 * so the rate is measured from the totals over a window a little wider than that.
 *
 * @param header the file's first line
 * @param tail the last part of the file, which may start in the middle of a line
 */
function latestAggregatedSample(header, tail, windowSeconds = 6) {
    let columns;
    try {
        columns = Columns.fromHeader(header.trim().split(','), HISTORY_COLUMNS, 'stats history');
    }
    catch {
        return undefined; // Not (yet) a stats history: no live figures.
    }
    const { index } = columns;
    const lines = tail.split('\n');
    // The last line may be half written; a complete row always ends with a newline.
    lines.pop();
    let latest;
    let earliest;
    for (let i = lines.length - 1; i >= 0; i--) {
        const fields = lines[i].trimEnd().split(',');
        const type = columns.has('type') ? fields[index.type] : '';
        if (fields[index.name] !== 'Aggregated' || type !== '')
            continue;
        const row = {
            timestamp: Number(fields[index.timestamp]),
            users: Number(fields[index.users]),
            totalRequests: Number(fields[index.totalRequests]),
            totalFailures: Number(fields[index.totalFailures])
        };
        if (!Object.values(row).every(Number.isFinite))
            continue;
        latest ??= row;
        earliest = row;
        if (latest.timestamp - row.timestamp >= windowSeconds)
            break;
    }
    if (latest === undefined || earliest === undefined)
        return undefined;
    const seconds = latest.timestamp - earliest.timestamp;
    return {
        users: latest.users,
        rps: seconds > 0 ? (latest.totalRequests - earliest.totalRequests) / seconds : 0,
        totalRequests: latest.totalRequests,
        totalFailures: latest.totalFailures
    };
}

;// CONCATENATED MODULE: ./build/src/backend/local/log.js
/**
 * Reading Locust's logs (pure): follows the master while it runs, and afterwards tells "the test
 * ran" apart from "Locust could not run", quoting the log lines that say why.
 */
const WORKERS_CONNECTED = /(\d+) workers connected|(\d+) of \d+ connected/;
const GAVE_UP_WAITING = /Gave up waiting for workers/;
// Locust 2.12 writes "Worker <id> (index 0) reported as ready", current Locust "<id> (index 0) …".
const WORKER_JOINED = /(?:Worker )?(\S+) \(index \d+\) reported as ready/;
const WORKER_MISSING = /Worker \S+ failed to send heartbeat, setting state to missing/;
const TEST_STARTED = /Run time limit set|Sending spawn jobs|Shape test starting/;
const TEST_ENDED = /run-time limit reached|Shape test stopping|Got SIGTERM|last worker quit|Shutting down/;
/** The master ending the test itself (not a lost last worker): its workers are told to quit. */
const MASTER_ENDS_TEST = /run-time limit reached|Shape test stopping|Got SIGTERM|Shutting down/;
const LOG_TIME = /^\[(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d),(\d{3})\]/;
const PORT_BUSY = /master port \([^)]*\) was busy|Address already in use/;
const TRACEBACK_START = 'Traceback (most recent call last):';
const ERROR_LEVEL = /^\[[^\]]+\] [^/\s]+\/(ERROR|CRITICAL)\/[\w.]*: /;
const MAX_QUOTED_LINES = 10;
/** First lines of the stats tables Locust prints; a table ends at a blank line. */
const STATS_TABLE_HEADING = /^(Type\s+Name|Response time percentiles|Error report)/;
/** What our control module (control.py) tells the log about its own work: not Locust's trouble. */
const CONTROL_NOTE = '[distributed-locust] ';
/** Follows the master's log as it grows: how many workers are connected, and what went wrong. */
class MasterLogWatcher {
    workersConnected = 0;
    /** Workers that reported as ready, and that stopped sending heartbeats (lost mid-run). */
    workersMissing = 0;
    /** Each worker counts once: with rounds, every worker reports as ready again after each round. */
    joinedIds = new Set();
    gaveUpWaitingForWorkers = false;
    portBusy = false;
    /** When the master began the test proper (its workers ready) and ended it, in ms since the epoch. */
    testStartedAt;
    testEndedAt;
    /** When the master ended the test and told its workers to quit, in ms since the epoch. */
    quitSentAt;
    partialLine = '';
    get workersJoined() {
        return this.joinedIds.size;
    }
    /** Feeds the next piece of the log; pieces may end in the middle of a line. */
    consume(chunk) {
        const lines = (this.partialLine + chunk).split('\n');
        this.partialLine = lines.pop() ?? '';
        for (const line of lines)
            this.consumeLine(line);
    }
    consumeLine(line) {
        const connected = WORKERS_CONNECTED.exec(line);
        if (connected)
            this.workersConnected = Number(connected[1] ?? connected[2]);
        const joined = WORKER_JOINED.exec(line);
        if (joined)
            this.joinedIds.add(joined[1]);
        if (WORKER_MISSING.test(line))
            this.workersMissing++;
        if (GAVE_UP_WAITING.test(line))
            this.gaveUpWaitingForWorkers = true;
        if (PORT_BUSY.test(line))
            this.portBusy = true;
        if (this.testStartedAt === undefined && TEST_STARTED.test(line))
            this.testStartedAt = logTime(line);
        if (this.testStartedAt !== undefined &&
            this.testEndedAt === undefined &&
            TEST_ENDED.test(line)) {
            this.testEndedAt = logTime(line);
        }
        if (this.testStartedAt !== undefined &&
            this.quitSentAt === undefined &&
            MASTER_ENDS_TEST.test(line)) {
            this.quitSentAt = logTime(line);
        }
    }
}
/** The time a log line was written: Locust writes local time, to the millisecond. */
function logTime(line) {
    const match = LOG_TIME.exec(line);
    if (!match)
        return undefined;
    const [year, month, day, hours, minutes, seconds, ms] = match.slice(1).map(Number);
    return new Date(year, month - 1, day, hours, minutes, seconds, ms).getTime();
}
/** The end of the last Python traceback: the failing file and line, its code and the error. */
function pythonErrorExcerpt(text) {
    const start = text.lastIndexOf(TRACEBACK_START);
    if (start === -1)
        return [];
    const lines = text.slice(start).split('\n');
    const errorIndex = lines.findIndex((line, index) => index > 0 && line !== '' && !/^\s/.test(line));
    if (errorIndex === -1)
        return [];
    const frames = lines.slice(1, errorIndex);
    const lastFrame = frames.findLastIndex((line) => line.startsWith('  File '));
    return [...frames.slice(Math.max(lastFrame, 0)), lines[errorIndex]].map((line) => line.trimEnd());
}
/** Log lines at ERROR or CRITICAL level, the last few of them. */
function errorLines(text) {
    return text
        .split('\n')
        .filter((line) => ERROR_LEVEL.test(line))
        .slice(-MAX_QUOTED_LINES)
        .map((line) => line.replace(ERROR_LEVEL, '$1 '));
}
/** Lines printed outside Locust's logger, its stats tables and our notes (e.g. a bare sys.stderr message). */
function strayLines(text) {
    const stray = [];
    let inTable = false;
    for (const line of text.split('\n').map((entry) => entry.trimEnd())) {
        if (line === '')
            inTable = false;
        else if (STATS_TABLE_HEADING.test(line))
            inTable = true;
        else if (!inTable && !LOG_TIME.test(line) && !line.startsWith(CONTROL_NOTE))
            stray.push(line);
    }
    return stray.slice(-MAX_QUOTED_LINES);
}
/** The lines worth quoting from a log that ended badly: a traceback, else errors, else stray lines. */
function relevantLines(text) {
    for (const lines of [pythonErrorExcerpt(text), errorLines(text), strayLines(text)]) {
        if (lines.length > 0)
            return lines;
    }
    return [];
}
/** Why Locust could not run, in words with the relevant log lines; undefined when the test ran. */
function diagnoseRun(evidence) {
    const { master, masterExit, workersExpected, workersConnected } = evidence;
    const masterLines = relevantLines(master.text);
    if (workersConnected < workersExpected) {
        const cannotLoad = `Locust could not load the locustfile ${evidence.locustfile}:`;
        if (pythonErrorExcerpt(master.text).length > 0) {
            return withHint(explain(cannotLoad, masterLines, master.name), master.text);
        }
        // A worker imports the locustfile too, and on a busy machine it may fail before the master
        // has logged the same traceback.
        const failedWorker = evidence.workersLost.find((worker) => pythonErrorExcerpt(worker.text).length > 0);
        if (failedWorker) {
            return withHint(explain(cannotLoad, pythonErrorExcerpt(failedWorker.text), failedWorker.name), failedWorker.text);
        }
        if (!evidence.gaveUpWaitingForWorkers && masterLines.length > 0) {
            return explain('Locust could not start:', masterLines, master.name);
        }
        const workerLines = evidence.workersLost.flatMap((worker) => relevantLines(worker.text).map((line) => `${worker.name}: ${line}`));
        const waited = evidence.gaveUpWaitingForWorkers ? ' in time' : '';
        return explain(`Only ${workersConnected} of ${workersExpected} Locust workers connected to the master${waited}.`, workerLines.length > 0 ? workerLines : masterLines, workerLines.length > 0 ? 'the worker logs' : master.name);
    }
    if (!evidence.testStarted) {
        return explain('Locust stopped before the test started:', masterLines, master.name);
    }
    if (!evidence.stoppedAtRunTime && (masterExit.code === null || masterExit.code > 1)) {
        const how = masterExit.code === null
            ? `was ended by ${masterExit.signal}`
            : `exited with code ${masterExit.code}`;
        return explain(`The Locust master ${how} before the test completed.`, masterLines, master.name);
    }
    const lost = evidence.workersLost.filter((worker) => worker.exit.code !== 0);
    if (lost.length > 0) {
        const lines = lost.flatMap((worker) => {
            const why = relevantLines(worker.text);
            return why.length > 0
                ? why.map((line) => `${worker.name}: ${line}`)
                : [`${worker.name}: ${describeExit(worker.exit)}`];
        });
        return explain(`${lost.length} Locust worker(s) stopped during the test; the results are partial.`, lines, 'the worker logs');
    }
    return undefined;
}
function describeExit(exit) {
    return exit.code === null ? `ended by ${exit.signal}` : `exited with code ${exit.code}`;
}
function explain(summary, lines, source) {
    if (lines.length === 0)
        return `${summary} See ${source} for details.`;
    const quoted = lines.slice(-MAX_QUOTED_LINES).map((line) => `  ${line}`);
    return [summary, ...quoted, `(from ${source})`].join('\n');
}
/**
 * A hint for a locustfile that read an environment variable Locust's processes were not given
 * (`os.environ["TOKEN"]` raising KeyError): they get only basic variables and those in pass-env.
 */
function missingVariable(log) {
    const traceback = log.slice(Math.max(0, log.lastIndexOf(TRACEBACK_START)));
    const keyError = /^KeyError: '([A-Za-z_][A-Za-z0-9_]*)'/m.exec(traceback);
    if (!keyError || !/environ|os\.py"/.test(traceback))
        return undefined;
    return keyError[1];
}
function withHint(message, log) {
    const name = missingVariable(log);
    return name === undefined
        ? message
        : `${message}\nThe locustfile reads the environment variable ${name}, which Locust was not given: Locust runs with a few basic variables only; name ${name} in \`pass-env\` (CLI: --pass-env ${name}) to pass it.`;
}

;// CONCATENATED MODULE: ./build/src/backend/local/process-groups.js
/**
 * Child processes that each lead their own process group, so that stopping one stops everything
 * it started. Any group still alive when Node exits is killed, so a crash leaves no orphans.
 */



const liveGroups = new Set();
let exitHookInstalled = false;
function killGroup(pid, signal) {
    try {
        process.kill(-pid, signal);
        return true;
    }
    catch {
        return false; // ESRCH: nothing left in the group
    }
}
function groupAlive(pid) {
    return killGroup(pid, 0);
}
function installExitHook() {
    if (exitHookInstalled)
        return;
    exitHookInstalled = true;
    process.on('exit', () => {
        for (const pid of liveGroups)
            killGroup(pid, 'SIGKILL');
    });
}
/** SIGTERM to the whole group, SIGKILL to whatever is left after the grace period. */
async function terminateGroup(pid, graceMs) {
    if (!killGroup(pid, 'SIGTERM'))
        return false;
    const deadline = Date.now() + graceMs;
    while (groupAlive(pid) && Date.now() < deadline)
        await (0,external_node_timers_promises_namespaceObject.setTimeout)(50);
    killGroup(pid, 'SIGKILL');
    return true;
}
/**
 * When a process started, as the system tells it: field 22 of /proc/<pid>/stat (clock ticks since
 * boot) on Linux, `ps -o lstart=` elsewhere. Undefined when no process has that pid.
 */
function processStartTime(pid) {
    try {
        const stat = (0,external_node_fs_.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        // The command name (field 2) may hold spaces and parentheses: count from its closing one.
        return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    }
    catch (error) {
        if (error.code === 'ENOENT' && isLinux())
            return undefined;
    }
    try {
        return (0,external_node_child_process_.execFileSync)('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    }
    catch {
        return undefined; // ps exits 1 when no process has that pid
    }
}
const isLinux = () => process.platform === 'linux';
/**
 * Stops process groups recorded by an earlier process (the action's post step after a crash or a
 * cancel). A group is signalled only while its leader is the process recorded, or gone: the
 * kernel hands out no pid that is still a group's id, so leftover members are still this run's.
 */
async function stopProcessGroups(groups, graceMs = 5_000) {
    const reused = groups.filter((group) => {
        const startTime = processStartTime(group.pid);
        return startTime !== undefined && startTime !== group.startTime;
    });
    const ours = groups.filter((group) => !reused.includes(group));
    const stopped = await Promise.all(ours.map((group) => terminateGroup(group.pid, graceMs)));
    return { stopped: stopped.filter(Boolean).length, reused: reused.map((group) => group.pid) };
}
/** Starts `command` as the leader of a new process group; rejects when it cannot be started. */
async function startProcessGroup(command, args, options) {
    installExitHook();
    const logFd = (0,external_node_fs_.openSync)(options.logPath, 'w');
    const child = (0,external_node_child_process_.spawn)(command, args, {
        cwd: options.cwd,
        env: options.env,
        detached: true,
        stdio: ['ignore', logFd, logFd]
    });
    (0,external_node_fs_.closeSync)(logFd);
    await new Promise((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
    });
    const pid = child.pid;
    liveGroups.add(pid);
    const handle = { pid, startTime: processStartTime(pid) ?? '' };
    let exitStatus;
    const exit = new Promise((resolve) => {
        child.once('exit', (code, signal) => {
            exitStatus = { code, signal };
            resolve(exitStatus);
        });
    });
    return {
        pid,
        handle,
        exit,
        exited: () => exitStatus,
        async stop(graceMs) {
            if (!liveGroups.has(pid))
                return;
            await terminateGroup(pid, graceMs);
            await exit;
            liveGroups.delete(pid);
        }
    };
}

;// CONCATENATED MODULE: ./build/src/backend/local/reachability.js
/**
 * A TCP check that the target host answers at all before Locust starts against it, retried for a
 * while: `run: my-server &` followed by the action is common, and the server needs time to listen.
 */


function addressOf(host) {
    const url = new URL(host);
    return {
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: Number(url.port || (url.protocol === 'https:' ? 443 : 80))
    };
}
/** Undefined when a TCP connection to the host's address and port opens; else why it did not. */
function whyUnreachable(host, timeoutMs) {
    const { hostname, port } = addressOf(host);
    return new Promise((resolve) => {
        const socket = (0,external_node_net_namespaceObject.connect)({ host: hostname, port });
        const finish = (reason) => {
            socket.destroy();
            resolve(reason);
        };
        socket.setTimeout(timeoutMs, () => finish(`no answer from ${hostname}:${port} within ${timeoutMs / 1000} s`));
        socket.once('connect', () => finish(undefined));
        socket.once('error', (error) => finish(`${error.code ?? 'error'}: ${error.message}`));
    });
}
/**
 * Tries to connect until the host accepts or `waitSeconds` have passed, logging each wait.
 * Undefined once it accepts; else the last reason it did not.
 */
async function waitForHost(host, options) {
    const { hostname, port } = addressOf(host);
    const started = Date.now();
    const deadline = started + options.waitSeconds * 1000;
    const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
    for (let attempt = 1;; attempt++) {
        const left = deadline - Date.now();
        const timeoutMs = Math.min(options.attemptTimeoutMs, Math.max(left, 250));
        const reason = await whyUnreachable(host, timeoutMs);
        if (reason === undefined) {
            if (attempt > 1)
                options.log(`${hostname}:${port} accepts connections after ${elapsed()}.`);
            return undefined;
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0 || options.signal?.aborted)
            return reason;
        options.log(`Waiting for ${hostname}:${port} to accept connections (${reason}); ${elapsed()} of the ${options.waitSeconds} s that wait-for-host allows…`);
        try {
            await (0,external_node_timers_promises_namespaceObject.setTimeout)(Math.min(options.retryMs, remaining), undefined, { signal: options.signal });
        }
        catch {
            return reason; // cancelled while waiting
        }
    }
}

;// CONCATENATED MODULE: ./build/src/backend/local/backend.js
/**
 * The `local` backend: one Locust master and N workers as processes on this machine, talking over
 * loopback. Every process leads its own process group and is stopped whatever way the run ends.
 */






















const POLL_MS = 250;
const HOST_CHECK_TIMEOUT_MS = 5_000;
const HOST_RETRY_MS = 1_000;
const PORT_ATTEMPTS = 3;
const LOG_EXCERPT_BYTES = 64 * 1024;
/** How long Locust gets to stop on its own after the abort command before it is stopped. */
const ABORT_GRACE_MS = 15_000;
/**
 * How long the master gets to quit on the stop command, its workers' last reports included, before
 * it is sent SIGTERM (which Locust 2.12 does not handle while a load shape runs: it dies at once).
 */
const STOP_COMMAND_GRACE_MS = 5_000;
function createLocalBackend(options = {}) {
    const settings = {
        python: options.python ?? 'python3',
        env: options.env ?? process.env,
        stopGraceMs: options.stopGraceMs ?? 5_000,
        progressIntervalMs: options.progressIntervalMs ?? 2_000,
        workerWaitSeconds: options.workerWaitSeconds ?? 60,
        checkHost: options.checkHost ?? true
    };
    return {
        async run(config, hooks) {
            const log = hooks.log ?? (() => { });
            const facts = {};
            const stopped = (error) => ({
                error,
                partial: false,
                facts
            });
            await (0,promises_.mkdir)(config.resultsDir, { recursive: true });
            const warn = hooks.warn ?? ((line) => log(`Warning: ${line}`));
            let locust;
            try {
                locust = await ensureLocust({
                    ...settings,
                    locust: options.locust,
                    version: config.backend.locustVersion,
                    log,
                    warn,
                    signal: hooks.signal
                });
            }
            catch (error) {
                if (hooks.signal?.aborted)
                    return stopped('The run was cancelled before Locust started.');
                if (error instanceof LocustSetupError)
                    return stopped(error.message);
                throw error;
            }
            facts.locustVersion = locust.version;
            facts.locustNote = locust.note;
            log(`Running Locust ${locust.version ?? '(no version printed)'}: ${shownCommand(locust.command)}`);
            if (locust.version === undefined) {
                warn('`locust --version` printed no version; Locust 2.12 masters then reject their workers (run scripts/install-locust.sh to repair it).');
            }
            const targets = [
                { input: 'host', url: config.host },
                { input: 'baseline-host', url: config.rounds?.baselineHost }
            ];
            for (const { input, url } of settings.checkHost ? targets : []) {
                if (url === undefined)
                    continue;
                const wait = config.backend.waitForHostSeconds;
                const reason = await waitForHost(url, {
                    waitSeconds: wait,
                    attemptTimeoutMs: HOST_CHECK_TIMEOUT_MS,
                    retryMs: HOST_RETRY_MS,
                    log,
                    signal: hooks.signal
                });
                if (reason !== undefined && !hooks.signal?.aborted) {
                    return stopped(wait === 0
                        ? `Locust could not run: the host ${(0,run_host/* redactHost */.S7)(url)} is unreachable (${reason}). Check the \`${input}\` input and that the service is up, or set \`wait-for-host\` to give it time to start.`
                        : `Locust could not run: the host ${(0,run_host/* redactHost */.S7)(url)} is unreachable (${reason}) after ${wait} s of retrying (\`wait-for-host\`). Check the \`${input}\` input and that the service is up, or raise \`wait-for-host\` if it starts slowly.`);
                }
            }
            if (hooks.signal?.aborted)
                return stopped('The run was cancelled before Locust started.');
            const loadShape = definesLoadShape(await (0,promises_.readFile)(config.locustfile, 'utf8'));
            if (loadShape) {
                facts.loadShape = true;
                log('The locustfile defines a LoadTestShape: it sets users and spawn rate; run time still applies');
            }
            const startRun = (masters) => masters.map((side) => new LocalRun(side, hooks, settings, locust.command, loadShape));
            if (config.rounds?.design === 'duet') {
                const syncDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'distributed-locust-duet-'));
                try {
                    return await runDuet(startRun(duetSides(config, config.rounds, syncDir)), facts);
                }
                finally {
                    await (0,promises_.rm)(syncDir, { recursive: true, force: true });
                }
            }
            const rounds = config.rounds === undefined
                ? {}
                : { DL_ROUNDS: (0,run_rounds/* masterRoundsSettings */.Nx)(config.rounds, config, (0,external_node_crypto_.randomInt)(run_rounds/* SEED_RANGE */.Cr)) };
            for (let attempt = 1;; attempt++) {
                const [run] = startRun([{ config, masterEnv: rounds, facts }]);
                const outcome = await run.execute();
                if (!run.portWasBusy || attempt === PORT_ATTEMPTS)
                    return outcome;
                log('The master port was taken by another program meanwhile; retrying on another free port.');
            }
        }
    };
}
/**
 * How long after both masters of a duet were ready they start a round: a few of control.py's
 * 50 ms polls of the meeting folder, so neither starts late on seeing the other's file.
 */
const DUET_MEET_SECONDS = 0.2;
/**
 * A duet's two masters (src/run/rounds.ts): each gets half the users, spawn rate and workers; the
 * candidate writes the usual files at the top of the results folder, the baseline in `baseline/`,
 * both their round folders in the top-level `rounds/`. They meet before each round in a folder
 * of their own, outside the results.
 */
function duetSides(config, plan, syncDir) {
    const sides = [
        ['candidate', (0,run_rounds/* duetHalf */.aJ)(config)],
        [
            'baseline',
            {
                ...(0,run_rounds/* duetHalf */.aJ)(config),
                host: plan.baselineHost,
                resultsDir: (0,external_node_path_.join)(config.resultsDir, 'baseline')
            }
        ]
    ];
    return sides.map(([side, sideConfig]) => ({
        side,
        config: sideConfig,
        facts: {},
        masterEnv: {
            DL_ROUNDS: (0,run_rounds/* masterRoundsSettings */.Nx)(plan, sideConfig, 0, {
                side,
                roundsDir: config.resultsDir,
                syncDir,
                meetSeconds: DUET_MEET_SECONDS
            })
        }
    }));
}
/**
 * Runs a duet's masters at once and reports the candidate's run, with the baseline side's failure
 * added to its own; rounds.json lists both sides' rounds.
 */
async function runDuet(runs, facts) {
    const [candidate, baseline] = await Promise.all(runs.map((run) => run.execute()));
    const { users, spawnRate, workers, resultsDir } = runs[0].plannedConfig;
    await (0,duet_rounds/* mergeDuetRounds */.y)(resultsDir, runs[1].plannedConfig.resultsDir);
    const errors = [
        candidate.error,
        baseline.error === undefined ? undefined : `The baseline side: ${baseline.error}`
    ].filter((error) => error !== undefined);
    return {
        ...candidate,
        // The candidate's figures come from its own half of the load.
        facts: { ...facts, ...candidate.facts, users, spawnRate, workers },
        partial: candidate.partial || baseline.partial,
        ...(errors.length === 0 ? {} : { error: errors.join('\n') })
    };
}
/** The endings on which the backend, not Locust, ends the test: the stop command's reasons. */
const STOP_REASONS = {
    'run-time': 'the run time is over while the load shape still runs',
    cancelled: 'the run was cancelled',
    timeout: 'timeout-minutes is over'
};
/** One attempt at a run: start everything, watch it, stop everything. */
class LocalRun {
    side;
    hooks;
    settings;
    locust;
    loadShape;
    master;
    workers = [];
    /** When each worker exited, in ms since the epoch. */
    workerExitedAt = [];
    watcher = new MasterLogWatcher();
    masterLogPath;
    masterLogOffset = 0;
    startedAt = Date.now();
    allConnectedAt;
    testStartAnnounced = false;
    workersAnnounced = 0;
    masterPortWasBusy = false;
    abortWatch;
    /** The latest live figures the master wrote (progress.json), and when the file was changed. */
    live;
    liveChangedAt = 0;
    abortSentAt;
    config;
    facts;
    constructor(side, hooks, settings, locust, loadShape) {
        this.side = side;
        this.hooks = hooks;
        this.settings = settings;
        this.locust = locust;
        this.loadShape = loadShape;
        this.config = side.config;
        this.facts = side.facts;
        this.masterLogPath = (0,external_node_path_.join)(this.config.resultsDir, 'master.log');
        this.abortWatch = new abort/* AbortWatch */.Al(this.config.thresholds);
    }
    get plannedConfig() {
        return this.config;
    }
    log(line) {
        this.hooks.log?.(this.side.side === undefined ? line : `[${this.side.side}] ${line}`);
    }
    /** Whether the attempt failed only because another program took the master port meanwhile. */
    get portWasBusy() {
        return this.masterPortWasBusy;
    }
    async execute() {
        try {
            await this.start();
            const ending = await this.watch();
            return await this.conclude(ending);
        }
        finally {
            await this.stopAll();
        }
    }
    async start() {
        const { config, locust } = this;
        await (0,promises_.mkdir)(config.resultsDir, { recursive: true });
        const port = await freePort();
        const spawnOptions = {
            cwd: config.workingDirectory,
            env: locustEnvironment(this.settings.env, [
                ...config.backend.passEnv,
                ...(config.secrets ?? []).map(({ name }) => name)
            ])
        };
        // An earlier attempt's command would stop this master at once.
        for (const command of [live_stats/* ABORT_COMMAND_PATH */.tP, live_stats/* STOP_COMMAND_PATH */.vq]) {
            await (0,promises_.rm)((0,external_node_path_.join)(config.resultsDir, command), { force: true });
        }
        this.startedAt = Date.now();
        this.facts.startedAt = new Date(this.startedAt).toISOString();
        const master = masterLaunch(locust, findControlModule());
        // The live figures as often as the progress lines they feed.
        const progressSeconds = String(Math.max(1, Math.round(this.settings.progressIntervalMs / 1000)));
        this.master = await startProcessGroup(master.locust.command, [
            ...master.locust.prefixArgs,
            ...masterArgs(config, {
                port,
                workerWaitSeconds: this.settings.workerWaitSeconds,
                loadShape: this.loadShape
            })
        ], {
            ...spawnOptions,
            env: {
                ...spawnOptions.env,
                ...master.env,
                ...this.side.masterEnv,
                DL_PROGRESS_SECONDS: progressSeconds
            },
            logPath: this.masterLogPath
        });
        this.hooks.onStarted?.(this.master.handle);
        for (let i = 1; i <= config.workers; i++) {
            const worker = await startProcessGroup(locust.command, [...locust.prefixArgs, ...workerArgs(config, port)], {
                ...spawnOptions,
                logPath: (0,external_node_path_.join)(config.resultsDir, `worker-${i}.log`)
            });
            this.workers.push(worker);
            void worker.exit.then(() => (this.workerExitedAt[i - 1] = Date.now()));
            this.hooks.onStarted?.(worker.handle);
        }
        const workerPids = this.workers.map((worker) => worker.pid).join(', ');
        this.log(`Started the Locust master (pid ${this.master.pid}) on ${LOOPBACK}:${port} and ${config.workers} worker(s) (pid ${workerPids}); logs in ${config.resultsDir}`);
    }
    async watch() {
        const master = this.master;
        const deadline = this.startedAt + this.config.timeoutMinutes * 60_000;
        const { signal } = this.hooks;
        const aborted = new Promise((resolve) => {
            if (signal?.aborted)
                resolve();
            signal?.addEventListener('abort', () => resolve(), { once: true });
        });
        let nextProgressAt = 0;
        for (;;) {
            await Promise.race([master.exit, aborted, (0,external_node_timers_promises_namespaceObject.setTimeout)(POLL_MS)]);
            await this.followMasterLog();
            if (master.exited())
                return 'completed';
            if (signal?.aborted)
                return 'cancelled';
            if (Date.now() >= deadline)
                return 'timeout';
            if (this.loadShapeOutOfTime())
                return 'run-time';
            if (this.allConnectedAt === undefined && this.workers.every((worker) => worker.exited()))
                return 'workers-lost';
            await this.followLiveStats();
            if (this.abortSentAt !== undefined && Date.now() - this.abortSentAt > ABORT_GRACE_MS) {
                this.log(`Locust did not stop within ${ABORT_GRACE_MS / 1000} s of the abort; stopping it`);
                return 'aborted';
            }
            if (Date.now() >= nextProgressAt) {
                nextProgressAt = Date.now() + this.settings.progressIntervalMs;
                await this.reportProgress();
            }
        }
    }
    /** A load shape runs until it ends itself; Locust 2.12 leaves its run time to the backend. */
    loadShapeOutOfTime() {
        const { testStartedAt } = this.watcher;
        if (!this.loadShape || testStartedAt === undefined)
            return false;
        if (Date.now() < testStartedAt + this.config.runTimeSeconds * 1000)
            return false;
        this.log(`The run time (${this.config.runTime}) is over while the load shape still runs; stopping Locust`);
        return true;
    }
    async followMasterLog() {
        const { text, nextOffset } = await readFrom(this.masterLogPath, this.masterLogOffset);
        this.masterLogOffset = nextOffset;
        this.watcher.consume(text);
        const connected = this.watcher.workersConnected;
        if (connected > this.workersAnnounced) {
            this.workersAnnounced = connected;
            this.facts.workersConnected = connected;
            this.log(`${connected} of ${this.config.workers} workers connected`);
        }
        if (this.allConnectedAt === undefined && connected >= this.config.workers) {
            this.allConnectedAt = Date.now();
            const seconds = ((this.allConnectedAt - this.startedAt) / 1000).toFixed(1);
            this.log(`All ${this.config.workers} workers connected ${seconds} s after start`);
        }
        if (!this.testStartAnnounced && this.watcher.testStartedAt !== undefined) {
            this.testStartAnnounced = true;
            this.log(this.loadShape
                ? `The test started; its load shape ends it, within ${this.config.runTime}`
                : `The test started; it runs ${this.plannedLength()}`);
        }
    }
    /** "for 30s", or with rounds "3 rounds of 30s per side, 240 s of load with the warm-ups". */
    plannedLength() {
        const { rounds, runTime, runTimeSeconds } = this.config;
        if (rounds === undefined)
            return `for ${runTime}`;
        const load = (0,run_rounds/* measuredLoadSeconds */.uR)(runTimeSeconds, rounds);
        return `${rounds.count} rounds of ${runTime} per side, ${load} s of load with the warm-ups`;
    }
    /** Reads progress.json when the master rewrote it, and judges the abort rules on it. */
    async followLiveStats() {
        const path = (0,external_node_path_.join)(this.config.resultsDir, live_stats/* PROGRESS_FILE */.Xv);
        const changedAt = await (0,promises_.stat)(path).then((info) => info.mtimeMs, () => 0);
        // A file older than this attempt is an earlier one's.
        if (changedAt < this.startedAt || changedAt === this.liveChangedAt)
            return;
        this.liveChangedAt = changedAt;
        const live = (0,live_stats/* parseLiveStats */.JU)(await (0,promises_.readFile)(path, 'utf8').catch(() => ''));
        if ('problem' in live)
            return; // Being replaced, or not ours: the next one will do.
        this.live = live;
        if (live.elapsedSeconds === null || this.abortSentAt !== undefined)
            return;
        const decision = this.abortWatch.observe({
            elapsedSeconds: live.elapsedSeconds,
            figures: live.figures
        });
        if (decision === undefined)
            return;
        await this.sendCommand(live_stats/* ABORT_COMMAND_PATH */.tP, (0,live_stats/* abortCommandJson */.uY)(decision));
        this.abortSentAt = Date.now();
        this.facts.aborted = {
            rule: decision.rule,
            atSeconds: decision.atSeconds,
            message: decision.message
        };
        this.log(`The run is ${decision.message}: stopping Locust`);
    }
    async reportProgress() {
        const { testStartedAt } = this.watcher;
        if (this.side.side === 'baseline')
            return; // the candidate's master reports the duet's progress
        const elapsedSeconds = testStartedAt === undefined ? 0 : Math.max(0, Math.round((Date.now() - testStartedAt) / 1000));
        const totalSeconds = (0,run_rounds/* plannedLoadSeconds */.ql)(this.config.runTimeSeconds, this.config.rounds);
        if (this.allConnectedAt === undefined) {
            const message = `waiting for workers: ${this.watcher.workersConnected} of ${this.config.workers} connected`;
            this.hooks.onProgress?.({ elapsedSeconds, totalSeconds, message });
            return;
        }
        // The master's live figures; the stats history where the master runs without our control module.
        if (this.live?.elapsedSeconds != null) {
            this.hooks.onProgress?.({ ...(0,live_stats/* progressOf */.jA)(this.live, totalSeconds), elapsedSeconds });
            return;
        }
        const progress = { elapsedSeconds, totalSeconds };
        const sample = await readLatestSample((0,external_node_path_.join)(this.config.resultsDir, `${CSV_PREFIX}_stats_history.csv`));
        if (sample) {
            progress.users = sample.users;
            progress.rps = sample.rps;
            progress.failRatio =
                sample.totalRequests > 0 ? sample.totalFailures / sample.totalRequests : 0;
        }
        this.hooks.onProgress?.(progress);
    }
    async conclude(ending) {
        const { config, facts } = this;
        // Workers quit on their own when the master ends the test: only failures before that count.
        // A worker may quit with a code of its own then (an event handler sets process_exit_code).
        const testStarted = this.allConnectedAt !== undefined;
        const { quitSentAt } = this.watcher;
        const earlyWorkerExits = this.workers.flatMap((worker, index) => {
            const exit = worker.exited();
            const quitWhenTold = quitSentAt !== undefined && (this.workerExitedAt[index] ?? Date.now()) >= quitSentAt;
            return exit && (!testStarted || (exit.code !== 0 && !quitWhenTold)) ? [{ index, exit }] : [];
        });
        const endedAt = Date.now();
        const stopReason = STOP_REASONS[ending];
        if (stopReason !== undefined)
            await this.askMasterToStop(stopReason);
        // Stopping first lets a cancelled or timed-out master write its CSVs before they are read.
        await this.stopAll();
        facts.endedAt = new Date(endedAt).toISOString();
        facts.workersConnected = this.watcher.workersConnected;
        facts.workersJoined = this.watcher.workersJoined;
        facts.workersLost = this.watcher.workersMissing;
        const { testStartedAt, testEndedAt } = this.watcher;
        if (testStartedAt !== undefined) {
            facts.durationSeconds = Math.round(((testEndedAt ?? endedAt) - testStartedAt) / 100) / 10;
        }
        const masterExit = this.master.exited();
        const master = { name: 'master.log', text: await readExcerpt(this.masterLogPath) };
        const outcome = {
            partial: false,
            facts
        };
        if (ending === 'aborted') {
            // Stopped by the abort rule it names (facts.aborted): that is the verdict, not an error.
            outcome.partial = true;
            return outcome;
        }
        if (ending === 'cancelled' || ending === 'timeout') {
            const why = ending === 'cancelled'
                ? 'The run was cancelled'
                : `The run did not finish within timeout-minutes (${config.timeoutMinutes} min), so Locust was stopped`;
            const lines = relevantLines(master.text);
            const tail = testStarted
                ? '; the results cover only the part that ran.'
                : ' before the test started.';
            outcome.error = [`${why}${tail}`, ...lines.map((line) => `  ${line}`)].join('\n');
            outcome.partial = testStarted;
            return outcome;
        }
        this.masterPortWasBusy = !testStarted && this.watcher.portBusy;
        const workersLost = [];
        for (const { index, exit } of earlyWorkerExits) {
            const name = `worker-${index + 1}.log`;
            workersLost.push({ name, exit, text: await readExcerpt((0,external_node_path_.join)(config.resultsDir, name)) });
        }
        outcome.error = diagnoseRun({
            master,
            masterExit,
            workersExpected: config.workers,
            workersConnected: this.watcher.workersConnected,
            gaveUpWaitingForWorkers: this.watcher.gaveUpWaitingForWorkers,
            testStarted: this.watcher.testStartedAt !== undefined,
            workersLost,
            locustfile: config.locustfile,
            stoppedAtRunTime: ending === 'run-time'
        });
        if (testStarted && masterExit.code !== null)
            outcome.locustExitCode = masterExit.code;
        outcome.partial = (testStarted && outcome.error !== undefined) || facts.aborted !== undefined;
        // Locust exits 1 whenever any request failed: normal for a completed test, so say so.
        const meaning = outcome.error === undefined && masterExit.code === 1
            ? ' (its usual code when some requests failed; the thresholds decide)'
            : outcome.error === undefined && ending === 'run-time'
                ? ' (stopped at the run time while its load shape still ran)'
                : '';
        this.log(`The Locust master ${describeExit(masterExit)}${meaning}`);
        return outcome;
    }
    /** A command for the master's control channel (control.py polls the results folder for it). */
    async sendCommand(path, json) {
        const command = (0,external_node_path_.join)(this.config.resultsDir, path);
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(command), { recursive: true });
        await (0,write_file/* writeFileAtomically */.l)(command, json);
    }
    /** Locust quits as at its own run time, or stopAll() ends it. */
    async askMasterToStop(reason) {
        const { master } = this;
        if (master === undefined || master.exited())
            return;
        await this.sendCommand(live_stats/* STOP_COMMAND_PATH */.vq, (0,live_stats/* stopCommandJson */.Ce)(reason));
        const gaveUp = new AbortController();
        await Promise.race([
            master.exit,
            (0,external_node_timers_promises_namespaceObject.setTimeout)(STOP_COMMAND_GRACE_MS, undefined, { signal: gaveUp.signal }).catch(() => undefined)
        ]);
        gaveUp.abort();
    }
    async stopAll() {
        const grace = this.settings.stopGraceMs;
        // The master first, so that it can tell its workers to quit and write its results.
        await this.master?.stop(grace);
        await Promise.all(this.workers.map((worker) => worker.stop(grace)));
    }
}
function freePort() {
    return new Promise((resolve, reject) => {
        const server = (0,external_node_net_namespaceObject.createServer)();
        server.once('error', reject);
        server.listen(0, LOOPBACK, () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}
/** What was appended to a file since `offset` (nothing when the file does not exist yet). */
async function readFrom(path, offset) {
    let file;
    try {
        file = await (0,promises_.open)(path, 'r');
    }
    catch {
        return { text: '', nextOffset: offset };
    }
    try {
        const { size } = await file.stat();
        if (size <= offset)
            return { text: '', nextOffset: offset };
        const buffer = Buffer.alloc(size - offset);
        const { bytesRead } = await file.read(buffer, 0, buffer.length, offset);
        return { text: buffer.toString('utf8', 0, bytesRead), nextOffset: offset + bytesRead };
    }
    finally {
        await file.close();
    }
}
/** A log small enough to quote from: the whole file, or its beginning and end. */
async function readExcerpt(path) {
    const size = await (0,promises_.stat)(path).then((info) => info.size, () => 0);
    if (size <= 2 * LOG_EXCERPT_BYTES)
        return (await readFrom(path, 0)).text;
    const head = await readSlice(path, 0, LOG_EXCERPT_BYTES);
    const tail = await readSlice(path, size - LOG_EXCERPT_BYTES, LOG_EXCERPT_BYTES);
    return `${head}\n…\n${tail}`;
}
async function readSlice(path, position, length) {
    const file = await (0,promises_.open)(path, 'r');
    try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await file.read(buffer, 0, length, position);
        return buffer.toString('utf8', 0, bytesRead);
    }
    finally {
        await file.close();
    }
}
async function readLatestSample(path) {
    const size = await (0,promises_.stat)(path).then((info) => info.size, () => 0);
    if (size === 0)
        return undefined;
    const header = (await readSlice(path, 0, 4096)).split('\n')[0];
    const tailStart = Math.max(0, size - LOG_EXCERPT_BYTES);
    return latestAggregatedSample(header, await readSlice(path, tailStart, size - tailStart));
}

;// CONCATENATED MODULE: ./build/src/backend/local/settings.js

const LOCUST_VERSION_PATTERN = /^\d+\.\d+(?:\.\d+)?$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function parseLocalSettings(reader) {
    const locustVersion = reader.matching('locust-version', LOCUST_VERSION_PATTERN, 'expected a Locust version such as "2.32.1".');
    const waitForHostSeconds = reader.integer('wait-for-host');
    const passEnv = reader.list('pass-env').filter((name) => {
        if (!VARIABLE_NAME.test(name)) {
            reader.fail('pass-env', name, 'expected names of environment variables, such as "API_TOKEN".');
            return false;
        }
        if (RUNNER_SECRET_PATTERN.test(name)) {
            reader.fail('pass-env', name, "the runner's credentials and the action's inputs never reach Locust; pass the value under a name of your own.");
            return false;
        }
        return true;
    });
    return { kind: 'local', locustVersion, waitForHostSeconds, passEnv };
}

;// CONCATENATED MODULE: ./build/src/backend/local/module.js





/**
 * Locust's master and workers as process groups on this machine. Its checks (Locust installed,
 * host reachable) need the machine, so they run in `run` and end in an outcome with a report.
 */
const localBackend = {
    kind: 'local',
    label: 'local',
    shipsWorkingDirectory: false,
    runsLocustfile: true,
    parseSettings: parseLocalSettings,
    prepare(config, hooks) {
        const missing = missingSecrets(config, process.env);
        if (missing)
            return Promise.reject(new errors/* PreflightError */.w(missing));
        const cpus = (0,external_node_os_.availableParallelism)();
        if (config.workers > cpus) {
            hooks.warn?.(`workers is ${config.workers} but this machine has ${cpus} CPUs: each Locust worker uses one CPU at most, so the extra workers share CPUs and add no load; set workers to ${cpus} or fewer.`);
        }
        return Promise.resolve(config);
    },
    run: (config, hooks) => createLocalBackend().run(config, hooks),
    async cleanup(processGroups, log) {
        if (processGroups.length === 0)
            return;
        const { stopped, reused } = await stopProcessGroups(processGroups);
        log(`Stopped ${stopped} leftover Locust process group(s).`);
        if (reused.length > 0) {
            log(`Left pid ${reused.join(', ')} alone: Locust's process with that pid has ended and another program has the pid now.`);
        }
    }
};
/**
 * Why the `secrets` cannot be read from `env` (the local backend reads each from the variable of
 * its name), or undefined when every one is set.
 */
function missingSecrets(config, env) {
    const missing = (config.secrets ?? [])
        .map(({ name }) => name)
        .filter((name) => env[name] === undefined);
    if (missing.length === 0)
        return undefined;
    const [one, them] = missing.length === 1 ? ['is', 'it'] : ['are', 'them'];
    return `Input 'secrets': the local backend reads each secret from the environment variable of its name, and ${missing.join(', ')} ${one} not set; export ${them}, or in a workflow set ${them} in the step's \`env\` (e.g. ${missing[0]}: \${{ secrets.${missing[0]} }}).`;
}

;// CONCATENATED MODULE: ./build/src/results/failures.js

/**
 * Bounds on what a failures or exceptions file brings into the report and results.json: a failure
 * message can be megabytes (a response body quoted whole), and a broken target can raise one
 * distinct error per request.
 */
const MAX_MESSAGE_CHARS = 4_000;
const MAX_RECORDS_KEPT = 500;
/** The text, cut to `max` characters with a note of how much was cut. */
function capText(text, max = MAX_MESSAGE_CHARS) {
    if (text.length <= max)
        return text;
    return `${text.slice(0, max)}… [${(text.length - max).toLocaleString('en-US')} more characters cut]`;
}
/**
 * Keeps the `limit` most frequent records in file order, counting what it drops; memory stays
 * within twice the limit however long the file.
 */
class MostFrequent {
    count;
    limit;
    kept = [];
    seen = 0;
    dropped = { records: 0, occurrences: 0 };
    constructor(count, limit = MAX_RECORDS_KEPT) {
        this.count = count;
        this.limit = limit;
    }
    add(record) {
        this.kept.push({ record, index: this.seen++ });
        if (this.kept.length >= 2 * this.limit)
            this.trim();
    }
    finish() {
        this.trim();
        const records = this.kept.sort((a, b) => a.index - b.index).map(({ record }) => record);
        return this.dropped.records === 0 ? { records } : { records, notKept: { ...this.dropped } };
    }
    trim() {
        if (this.kept.length <= this.limit)
            return;
        this.kept.sort((a, b) => this.count(b.record) - this.count(a.record) || a.index - b.index);
        for (const { record } of this.kept.splice(this.limit)) {
            this.dropped.records += 1;
            this.dropped.occurrences += this.count(record);
        }
    }
}
const FAILURE_COLUMNS = {
    method: { names: ['Method', 'Type'], required: false },
    name: { names: ['Name'], required: true },
    error: { names: ['Error'], required: true },
    occurrences: { names: ['Occurrences'], required: true },
    firstSeen: { names: ['First Seen'], required: false },
    lastSeen: { names: ['Last Seen'], required: false }
};
class FailuresParser extends TableParser {
    failures = new MostFrequent((failure) => failure.occurrences);
    constructor(file) {
        super(file, FAILURE_COLUMNS);
    }
    row(fields, line, columns) {
        const failure = {
            method: columns.text(fields, 'method', line),
            name: columns.text(fields, 'name', line),
            error: capText(columns.text(fields, 'error', line)),
            occurrences: columns.count(fields, 'occurrences', line)
        };
        if (columns.has('firstSeen'))
            failure.firstSeen = columns.text(fields, 'firstSeen', line);
        if (columns.has('lastSeen'))
            failure.lastSeen = columns.text(fields, 'lastSeen', line);
        this.failures.add(failure);
    }
    /** The most frequent failures in file order (none for an empty file), and what was dropped. */
    finish() {
        return this.failures.finish();
    }
}
const EXCEPTION_COLUMNS = {
    count: { names: ['Count'], required: true },
    message: { names: ['Message'], required: true },
    traceback: { names: ['Traceback'], required: true },
    nodes: { names: ['Nodes'], required: false }
};
class ExceptionsParser extends TableParser {
    exceptions = new MostFrequent((exception) => exception.count);
    constructor(file) {
        super(file, EXCEPTION_COLUMNS);
    }
    row(fields, line, columns) {
        this.exceptions.add({
            count: columns.count(fields, 'count', line),
            message: capText(columns.text(fields, 'message', line)),
            traceback: capText(columns.text(fields, 'traceback', line)),
            nodes: capText(columns.text(fields, 'nodes', line))
        });
    }
    /** The most frequent exceptions in file order (none for an empty file), and what was dropped. */
    finish() {
        return this.exceptions.finish();
    }
}

;// CONCATENATED MODULE: ./build/src/results/histograms.js
/**
 * `histograms.json`: Locust's full response-time distributions (rounded milliseconds → requests)
 * per endpoint and for the aggregate, written by the master-side plugin beside the CSVs. Pure: the
 * caller reads the file. A file that is not what it should be is ignored (the CSVs still judge the
 * run), and the reason returned for the report.
 */

const HISTOGRAMS_FILE = 'histograms.json';
function parseHistograms(text) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (error) {
        return { problem: `${HISTOGRAMS_FILE} is not valid JSON (${error.message})` };
    }
    if (!histograms_isObject(json) || json.version !== 1 || !Array.isArray(json.endpoints)) {
        return { problem: `${HISTOGRAMS_FILE} is not version 1 with a list of endpoints` };
    }
    const byLabel = new Map();
    for (const entry of [...json.endpoints, json.aggregate]) {
        if (!histograms_isObject(entry) || typeof entry.name !== 'string' || typeof entry.method !== 'string') {
            return { problem: `${HISTOGRAMS_FILE} has an endpoint without method or name` };
        }
        const histogram = histogramOf(entry.responseTimes);
        if (histogram === undefined) {
            return { problem: `${HISTOGRAMS_FILE}: ${entry.name} has no valid responseTimes` };
        }
        byLabel.set((0,model/* endpointLabel */.m)({ method: entry.method, name: entry.name }), histogram);
    }
    return byLabel;
}
function histogramOf(counts) {
    if (!histograms_isObject(counts))
        return undefined;
    const pairs = [];
    for (const [key, count] of Object.entries(counts)) {
        const ms = Number(key);
        if (!Number.isFinite(ms) || ms < 0 || !Number.isSafeInteger(count) || count < 0) {
            return undefined;
        }
        if (count > 0)
            pairs.push([ms, count]);
    }
    return pairs.sort((a, b) => a[0] - b[0]);
}
/**
 * The stats with their histograms attached, where the histogram's count equals the CSV's request
 * count (otherwise the two were written at different moments, and the CSV alone is used).
 */
function withHistograms(stats, histograms) {
    const histogram = histograms.get((0,model/* endpointLabel */.m)(stats));
    if (!histogram)
        return stats;
    const total = histogram.reduce((sum, [, count]) => sum + count, 0);
    return total === stats.requests ? { ...stats, responseTimes: histogram } : stats;
}
function histograms_isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./build/src/results/stats.js


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
/** True for Locust's total row: name "Aggregated" and no method (Locust 1.0 wrote "None"). */
function isAggregateRow(method, name) {
    return (method === '' || method === 'None') && name === 'Aggregated';
}
/**
 * Refuses the CSV formats of Locust before 1.0 by name, rather than as "not Locust output": their
 * columns are "# requests", "# failures"; 0.14 wrote them to _stats.csv with percentile columns,
 * older versions to _requests.csv beside a _distribution.csv.
 */
function refuseOldFormat(file, header) {
    const names = header.map((name) => name.trim().toLowerCase());
    if (!names.includes('# requests'))
        return;
    const version = names.includes('requests failed/s') ? 'Locust 0.14' : 'Locust 0.13 or older';
    throw new ResultsError(`${file} is in the CSV format of ${version} (columns "# requests", "# failures"), which is ` +
        `not read: the oldest format read is Locust 1.0's. Run the test again with Locust 1.0 or ` +
        `later (2.x recommended).`);
}
class StatsParser extends TableParser {
    percentiles = [];
    endpoints = [];
    aggregate = null;
    aggregateLine = 0;
    constructor(file) {
        super(file, STATS_COLUMNS);
    }
    checkHeader(fields) {
        refuseOldFormat(this.file, fields);
    }
    header(fields) {
        this.percentiles = percentileColumns(fields);
    }
    row(fields, line, columns) {
        const method = columns.text(fields, 'method', line);
        const name = columns.text(fields, 'name', line);
        const aggregate = isAggregateRow(method, name);
        const stats = {
            method: aggregate ? '' : method,
            name,
            requests: columns.count(fields, 'requests', line),
            failures: columns.count(fields, 'failures', line),
            medianMs: columns.number(fields, 'median', line),
            avgMs: columns.number(fields, 'avg', line),
            minMs: columns.number(fields, 'min', line),
            maxMs: columns.number(fields, 'max', line),
            avgContentSize: columns.number(fields, 'avgContentSize', line),
            rps: columns.rate(fields, 'rps', line),
            failRps: columns.rate(fields, 'failRps', line),
            percentiles: this.percentiles.map(({ index, label, quantile }) => ({
                label,
                quantile,
                ms: columns.numberAt(fields, index, line)
            }))
        };
        if (stats.failures > stats.requests) {
            throw unreadable(this.file, line, `${stats.failures} failures out of ${stats.requests} requests; failures are requests that failed, so never more`);
        }
        if (aggregate && this.aggregate !== null) {
            throw unreadable(this.file, line, `a second "Aggregated" row (the first is on line ${this.aggregateLine}); Locust writes one total row, so two runs may have been joined into one file`);
        }
        if (aggregate) {
            this.aggregate = stats;
            this.aggregateLine = line;
        }
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

;// CONCATENATED MODULE: ./build/src/results/read.js
/** Reads a folder of Locust CSV output into the typed model, streaming every file. */












const STATS_SUFFIX = '_stats.csv';
/**
 * The same table as the web UI's "Download request statistics" saves it (and Locust before 0.14
 * wrote it, in a format refused by name): read when a folder has no _stats.csv.
 */
const REQUESTS_SUFFIX = '_requests.csv';
/**
 * The largest stats file judged: about 35,000 endpoints, which the reader and the report hold
 * within 300 MB of memory. Real runs stay far below it unless their URLs carry ids.
 */
const MAX_STATS_BYTES = 4 * 1024 * 1024;
/** Big enough chunks for throughput, small enough to keep memory flat. */
const CHUNK_BYTES = 256 * 1024;
/** The prefix of the single `<prefix>_stats.csv` (or else `<prefix>_requests.csv`) in `dir`. */
async function findCsvPrefix(dir) {
    const present = await listFolder(dir);
    for (const suffix of [STATS_SUFFIX, REQUESTS_SUFFIX]) {
        const names = present.filter((name) => name.endsWith(suffix)).sort();
        if (names.length > 1) {
            throw new ResultsError(`Several *${suffix} files in ${dir} (${names.join(', ')}): say which run to read ` +
                `by giving its CSV prefix, or keep one run per folder.`);
        }
        if (names.length === 1)
            return names[0].slice(0, -suffix.length);
    }
    throw new ResultsError(`No *${STATS_SUFFIX} file in ${dir}: Locust writes <prefix>${STATS_SUFFIX} when run with ` +
        `--csv <prefix>. Check that Locust ran and wrote its CSV files into this folder.`);
}
async function readLocustResults(dir, options = {}) {
    const prefix = options.prefix ?? (await findCsvPrefix(dir));
    const historyFile = `${prefix}_stats_history.csv`;
    const failuresFile = `${prefix}_failures.csv`;
    const exceptionsFile = `${prefix}_exceptions.csv`;
    const present = new Set(await listFolder(dir));
    const statsFile = [STATS_SUFFIX, REQUESTS_SUFFIX]
        .map((suffix) => `${prefix}${suffix}`)
        .find((name) => present.has(name));
    if (statsFile === undefined) {
        throw new ResultsError(`${(0,external_node_path_.join)(dir, `${prefix}${STATS_SUFFIX}`)} does not exist: Locust writes it when run with --csv ${prefix}. ` +
            `Check the CSV prefix and that Locust ran long enough to write its results.`);
    }
    if (options.notBefore !== undefined) {
        await refuseOlderThan((0,external_node_path_.join)(dir, statsFile), statsFile, options.notBefore);
    }
    await refuseOversized((0,external_node_path_.join)(dir, statsFile), statsFile);
    const missingFiles = [historyFile, failuresFile, exceptionsFile].filter((f) => !present.has(f));
    const readIfPresent = async (file, parser, absent) => present.has(file) ? readRecords((0,external_node_path_.join)(dir, file), file, parser) : absent;
    const stats = await readRecords((0,external_node_path_.join)(dir, statsFile), statsFile, new StatsParser(statsFile));
    const history = present.has(historyFile)
        ? await readHistory((0,external_node_path_.join)(dir, historyFile), historyFile, options.maxHistoryPoints)
        : { points: [], counts: [], windows: new Map(), rowsRead: 0, span: null };
    const none = { records: [] };
    const failures = await readIfPresent(failuresFile, new FailuresParser(failuresFile), none);
    const exceptions = await readIfPresent(exceptionsFile, new ExceptionsParser(exceptionsFile), none);
    // An unreadable histograms.json is left aside: the CSVs still judge the run (method csv-percentiles).
    const histograms = present.has(HISTOGRAMS_FILE)
        ? parseHistograms(await (0,promises_.readFile)((0,external_node_path_.join)(dir, HISTOGRAMS_FILE), 'utf8'))
        : undefined;
    const attach = (row) => {
        const windows = history.windows.get((0,model/* endpointLabel */.m)(row));
        const withWindows = windows ? { ...row, windows } : row;
        return histograms instanceof Map ? withHistograms(withWindows, histograms) : withWindows;
    };
    return {
        endpoints: stats.endpoints.map(attach),
        aggregate: attach(stats.aggregate),
        history: history.points,
        historyCounts: history.counts,
        historyRowsRead: history.rowsRead,
        historySpan: history.span,
        failures: failures.records,
        ...(failures.notKept && { failuresNotKept: failures.notKept }),
        exceptions: exceptions.records,
        ...(exceptions.notKept && { exceptionsNotKept: exceptions.notKept }),
        missingFiles
    };
}
/** File times are coarse on some file systems; a file this much older than the start is stale. */
const CLOCK_SLACK_MS = 2_000;
async function refuseOlderThan(path, file, notBefore) {
    const written = (await (0,promises_.stat)(path)).mtime;
    if (written.getTime() >= notBefore.getTime() - CLOCK_SLACK_MS)
        return;
    throw new ResultsError(`${file} was written at ${written.toISOString()}, before this run started ` +
        `(${notBefore.toISOString()}): it is an earlier run's file, and no verdict is drawn from it. ` +
        `Give each run a results folder of its own.`);
}
async function refuseOversized(path, file) {
    const { size } = await (0,promises_.stat)(path);
    if (size <= MAX_STATS_BYTES)
        return;
    const megabytes = (bytes) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
    throw new ResultsError(`${file} is ${megabytes(size)}, over the ${megabytes(MAX_STATS_BYTES)} judged (about 35,000 ` +
        `endpoints). So many endpoints come from URLs with ids or queries in them, each counted on its ` +
        `own: group them in the locustfile with name=, e.g. self.client.get(f"/items/{id}", name="/items/[id]").`);
}
/** Names that only a run's results have: a folder holding one is not fresh. */
const RESULT_FILE = /(_stats\.csv|_stats_history\.csv|_requests\.csv)$|^(summary\.md|results\.json)$/;
/**
 * Refuses, before a run starts, a results folder that already holds an earlier run's results: its
 * files would be read as this run's. A missing or empty folder (or one with other files) is fine.
 */
async function refuseEarlierResults(dir) {
    let names;
    try {
        names = await (0,promises_.readdir)(dir);
    }
    catch (error) {
        // No folder yet (or a path that cannot be one, which making it will report): nothing earlier.
        if (isFileSystemError(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR'))
            return;
        throw error;
    }
    const earlier = names.filter((name) => RESULT_FILE.test(name)).sort();
    if (earlier.length === 0)
        return;
    const shown = earlier.length > 4 ? [...earlier.slice(0, 4), '…'] : earlier;
    throw new errors/* PreflightError */.w(`The results folder ${dir} (results-dir; --out on the command line) already holds an earlier run's results (${shown.join(', ')}), which ` +
        `would be read as this run's; nothing was started. Give this run a folder of its own, or ` +
        `empty that one first.`);
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

;// CONCATENATED MODULE: ./build/src/run/history-facts.js


/**
 * How far the measured spans of two runs of the same run time can differ: the history's timestamps
 * are whole seconds and its rows a second apart, so each end of a span is known to a second.
 */
const HISTORY_SPAN_RESOLUTION_SECONDS = 2;
/**
 * What the CSVs tell of a run made elsewhere (backend none, the CLI's `report`): its peak users
 * and measured duration, which stands for its run time (to the history's resolution).
 */
async function factsFromHistory(resultsDir, prefix) {
    const file = `${prefix}_stats_history.csv`;
    const history = await readHistory((0,external_node_path_.join)(resultsDir, file), file).catch(() => undefined);
    const points = history?.points ?? [];
    const duration = points.length >= 2 ? points[points.length - 1].timestamp - points[0].timestamp : undefined;
    return {
        users: Math.max(0, ...points.map((point) => point.users)),
        spawnRate: 0,
        workers: 0,
        runTimeSeconds: duration ?? 0,
        ...(duration === undefined
            ? {}
            : { durationSeconds: duration, runTimeResolutionSeconds: HISTORY_SPAN_RESOLUTION_SECONDS })
    };
}

;// CONCATENATED MODULE: ./build/src/backend/none/module.js
/**
 * `backend: none`: Locust ran elsewhere and its CSVs (Locust 1.1 or later) are already in
 * `results-dir`. Nothing is started; the run is what the CSVs say (peak users and duration from
 * the stats history), judged and reported like any other.
 */




const noneBackend = {
    kind: 'none',
    label: 'none (existing Locust results judged)',
    shipsWorkingDirectory: false,
    runsLocustfile: false,
    parseSettings: () => ({ kind: 'none' }),
    async prepare(config) {
        const isFolder = await (0,promises_.stat)(config.resultsDir).then((info) => info.isDirectory(), () => false);
        if (!isFolder) {
            throw new errors/* PreflightError */.w(`Input 'results-dir': no folder at ${config.resultsDir}; with backend none, give the folder that holds the Locust CSVs to judge.`);
        }
        return config;
    },
    async run(config) {
        try {
            const csvPrefix = await findCsvPrefix(config.resultsDir);
            return {
                csvPrefix,
                partial: false,
                facts: await factsFromHistory(config.resultsDir, csvPrefix)
            };
        }
        catch (error) {
            return { partial: false, error: error.message, facts: {} };
        }
    },
    cleanup: () => Promise.resolve()
};

;// CONCATENATED MODULE: ./build/src/backend/registry.js
/**
 * Every backend, by kind. Adding one: a folder under src/backend/ whose module.ts exports a
 * BackendModule (see ./types.ts), and one line in BACKENDS below.
 */



const BACKENDS = [localBackend, awsBackend, noneBackend];
const BACKEND_KINDS = BACKENDS.map((backend) => backend.kind);
function isBackendKind(text) {
    return BACKEND_KINDS.includes(text);
}
/** The backend of a kind, seen through the common interface (its own types stay inside it). */
function backendFor(kind) {
    const backend = BACKENDS.find((candidate) => candidate.kind === kind);
    if (!backend)
        throw new Error(`No backend of kind "${kind}"; known: ${BACKEND_KINDS.join(', ')}`);
    return backend;
}
/**
 * The backend the `doctor` command checks: the first with a doctor (a second one would give the
 * command a --backend option).
 */
function doctorBackend() {
    return BACKENDS.find((backend) => backend.doctor !== undefined);
}

;// CONCATENATED MODULE: ./build/src/interrupt.js
/**
 * SIGINT/SIGTERM for the action and the CLI. The first signal aborts the run: the backend stops
 * Locust, which writes its CSVs, and the run is reported as cancelled. The second one forces the
 * stop (engine.ts: a short grace, then what the backend started is stopped at once) and the run is
 * still reported, from whatever Locust wrote.
 */
class Interruption {
    say;
    firstMessage;
    controller = new AbortController();
    /** The first signal received, if any. */
    signal;
    /** Resolves on the second signal. */
    forceStop;
    force = () => { };
    /**
     * `say` tells the user; `firstMessage` is what the first signal says (the CLI invites a second
     * Ctrl-C, the action does not: the runner sends the signals).
     */
    constructor(say, firstMessage) {
        this.say = say;
        this.firstMessage = firstMessage;
        this.forceStop = new Promise((resolve) => (this.force = resolve));
    }
    /** The SIGINT/SIGTERM handler. */
    handle = (signal) => {
        if (this.signal === undefined) {
            this.signal = signal;
            this.say(this.firstMessage(signal));
            this.controller.abort();
        }
        else {
            this.say(`${signal} again: stopping Locust at once; the report follows.`);
            this.force();
        }
    };
    listen() {
        process.on('SIGINT', this.handle);
        process.on('SIGTERM', this.handle);
    }
    stopListening() {
        process.off('SIGINT', this.handle);
        process.off('SIGTERM', this.handle);
    }
}

// EXTERNAL MODULE: ./build/src/thresholds/evaluate.js + 1 modules
var evaluate = __nccwpck_require__(7645);
// EXTERNAL MODULE: ./build/src/thresholds/estimates.js
var estimates = __nccwpck_require__(8821);
// EXTERNAL MODULE: ./build/src/thresholds/metrics.js
var metrics = __nccwpck_require__(415);
// EXTERNAL MODULE: ./build/src/thresholds/round-figures.js
var round_figures = __nccwpck_require__(8098);
// EXTERNAL MODULE: ./build/src/thresholds/rounds.js
var thresholds_rounds = __nccwpck_require__(5421);
// EXTERNAL MODULE: ./build/src/thresholds/statistics.js
var statistics = __nccwpck_require__(4811);
;// CONCATENATED MODULE: ./build/src/baseline/compare.js
/** Compares a run with its baseline: the deltas behind the comparison table. Pure. */







/** The figures compared, in the order shown for one endpoint. */
const COMPARED_METRICS = [
    { kind: 'percentile', quantile: 95 },
    { kind: 'percentile', quantile: 99 },
    { kind: 'median' },
    { kind: 'avg' },
    { kind: 'rps' },
    { kind: 'fail_ratio' }
];
const compare_AGGREGATE_LABEL = 'Aggregated';
/**
 * Every compared figure of the run against its baseline runs (the newest first; the first one
 * names the source). A change counts as worse or better only beyond the noise: when now ÷ baseline
 * is beyond 1 at the confidence and beyond Locust's rounding step; otherwise it is "same" (within
 * noise).
 */
function compareWithBaseline(results, baselines, confidence = evaluate/* DEFAULT_CONFIDENCE */.FH, rounds) {
    // A paired run's baseline is its own baseline side: its figures are compared round by round.
    const paired = rounds?.baselinePooled ? rounds : undefined;
    const [baseline] = baselines;
    const baselineByLabel = new Map(baseline.endpoints.map((stats) => [(0,model/* endpointLabel */.m)(stats), stats]));
    const currentLabels = new Set(results.endpoints.map(model/* endpointLabel */.m));
    const pairs = [
        [
            compare_AGGREGATE_LABEL,
            { stats: results.aggregate },
            baselines.map((run) => ({ stats: run.aggregate }))
        ]
    ];
    const newEndpoints = [];
    for (const stats of results.endpoints) {
        const label = (0,model/* endpointLabel */.m)(stats);
        if (!baselineByLabel.has(label)) {
            newEndpoints.push(label);
            continue;
        }
        const before = baselines.flatMap((run) => run.endpoints
            .filter((endpoint) => (0,model/* endpointLabel */.m)(endpoint) === label)
            .map((s) => ({ stats: s })));
        pairs.push([label, { stats }, before]);
    }
    const rows = pairs.flatMap(([label, now, before], pairIndex) => COMPARED_METRICS.map((metric, metricIndex) => ({
        row: compareFigure(label, metric, now, before, confidence, paired),
        order: pairIndex * COMPARED_METRICS.length + metricIndex
    })));
    rows.sort((a, b) => regression(b.row) - regression(a.row) || a.order - b.order);
    return {
        baselineSource: baseline.source,
        ...(baseline.runId === undefined ? {} : { baselineRunId: baseline.runId }),
        ...(baseline.runUrl === undefined ? {} : { baselineRunUrl: baseline.runUrl }),
        rows: rows.map(({ row }) => row),
        newEndpoints,
        goneEndpoints: [...baselineByLabel.keys()].filter((label) => !currentLabels.has(label))
    };
}
/** The aggregate's row for one metric, e.g. for the action's delta outputs. */
function aggregateRow(comparison, metric) {
    return comparison.rows.find((row) => row.label === compare_AGGREGATE_LABEL && sameMetric(row.metric, metric));
}
function compareFigure(label, metric, now, before, confidence, rounds) {
    const current = (0,evaluate/* metricValue */.a3)(metric, now.stats);
    const measuredBefore = before.flatMap((side) => {
        const value = (0,evaluate/* metricValue */.a3)(metric, side.stats);
        return value === null ? [] : [measuredOf(metric, side, value, confidence)];
    });
    const baseline = measuredBefore[0]?.estimate.value ?? null;
    if (baseline === null || current === null) {
        return { label, metric, baseline, current, delta: null, deltaRatio: null, change: 'unknown' };
    }
    const pairs = rounds && round_figures/* ROUND_METRICS */.fn.has(metric.kind) ? pairsOf(label, metric, rounds, confidence) : [];
    const unit = { factor: 1, offset: 0 };
    const comparison = pairs.length > 0
        ? (0,thresholds_rounds/* compareRounds */.Tl)(pairs, { candidate: current, baseline }, unit, confidence)
        : (0,statistics/* compareRuns */.qB)(measuredOf(metric, now, current, confidence), measuredBefore, unit, confidence);
    const level = comparison.baseline.value;
    const delta = current - level;
    const higherIsWorse = (0,metrics/* metricFamily */.Xb)(metric) !== 'rate';
    const beyondNoise = comparison.unknowable === undefined && !comparison.withinStep && comparison.side !== 'straddles';
    const change = delta === 0 || !beyondNoise
        ? 'same'
        : (comparison.side === 'above') === higherIsWorse
            ? 'worse'
            : 'better';
    return {
        label,
        metric,
        baseline: level,
        current,
        delta,
        deltaRatio: level === 0 ? null : delta / level,
        ratioInterval: {
            low: comparison.ratio.low,
            high: Number.isFinite(comparison.ratio.high) ? comparison.ratio.high : null
        },
        change
    };
}
/** The figure in each round both sides measured, paired by index. */
function pairsOf(label, metric, rounds, confidence) {
    const inRound = (figures) => {
        const stats = label === compare_AGGREGATE_LABEL
            ? figures.aggregate
            : figures.endpoints.find((endpoint) => (0,model/* endpointLabel */.m)(endpoint) === label);
        const value = stats ? (0,evaluate/* metricValue */.a3)(metric, stats) : null;
        return stats && value !== null ? measuredOf(metric, { stats }, value, confidence) : undefined;
    };
    return rounds.candidate.flatMap((figures, i) => {
        const candidate = inRound(figures);
        const baseline = inRound(rounds.baseline[i]);
        return candidate && baseline ? [{ candidate, baseline }] : [];
    });
}
function measuredOf(metric, side, value, confidence) {
    return {
        estimate: (0,estimates/* estimateOf */.q)(metric, side.stats, value, confidence),
        spread: (0,estimates/* historySpread */.K)(metric, side.stats)
    };
}
/** How much worse a row is: the relative change in the bad direction; 0 for the rest. */
function regression(row) {
    if (row.change !== 'worse')
        return 0;
    return row.deltaRatio === null ? Number.POSITIVE_INFINITY : Math.abs(row.deltaRatio);
}
function sameMetric(a, b) {
    return a.kind === b.kind && (a.kind !== 'percentile' || a.quantile === b.quantile);
}

;// CONCATENATED MODULE: ./build/src/report/escape.js
/**
 * Making user-controlled text (endpoint names, error messages, hosts, tracebacks) safe to render.
 * Nothing that passes through here can start HTML, a link, emphasis or math in markdown, split a
 * table cell, close a code fence, break a Mermaid block, or send an escape sequence to a terminal,
 * nor become a GitHub mention, issue reference or link (summaries are also posted as PR comments,
 * where a mention pings people and a reference shows up on the issue).
 */
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;
/**
 * C0/C1 control characters but the line feed (ESC starts terminal sequences), plus the bidi
 * overrides that make text display differently from what it is.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Text for a terminal or a workflow annotation: line breaks and tabs kept, other controls dropped. */
function plainText(text) {
    return text.replace(/\r\n/g, '\n').replace(TERMINAL_CONTROLS, '');
}
/** CONTROLS but the tab. */
const TERMINAL_CONTROLS = new RegExp(CONTROLS.source.replace('\\u0009', '\\u0008'), 'g');
/**
 * What GitHub links in text: mentions (`@octocat`, `@org/team`), issue and pull request references
 * (`#3`, `org/repo#3`, `GH-3`) and autolinked URLs (`https://…`, `www.…`, `a@b.c`). A zero-width
 * space after the marker reads the same and links nothing. (`&#124;` is an entity made here; a
 * lower-case `gh-3`, as in run ids, is no reference.)
 */
const GITHUB_LINKS = /(@)(?=[\p{L}\p{N}_-])|(?<!&)(#)(?=\d)|\b(GH-)(?=\d)|\b([Hh][Tt][Tt][Pp][Ss]?:|[Ff][Tt][Pp]:)(?=\/\/)|\b([Ww]{3})(?=\.)/gu;
const ZERO_WIDTH_SPACE = '&#8203;';
function unlinked(escaped) {
    return escaped.replace(GITHUB_LINKS, (marker) => `${marker}${ZERO_WIDTH_SPACE}`);
}
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
 * strikethrough markers are backslash-escaped; `$` (GitHub math) becomes an entity; mentions,
 * references and URLs are unlinked.
 */
function markdownText(text, maxChars = 300) {
    return unlinked(truncate(oneLine(text), maxChars).replace(/[&<>|$\\`*_[\]~]/g, markdownEscape));
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
/** Only plain http(s) URLs become links; anything else is shown as text. */
const SAFE_URL = /^https?:\/\/[^\s<>()[\]"'`\\|]+$/;
/** `[text](url)` with the text escaped, or just the text when the URL is absent or not plain http(s). */
function markdownLink(text, url, maxChars = 200) {
    const shown = markdownText(text, maxChars);
    return url === undefined || !SAFE_URL.test(url) ? shown : `[${shown}](${url})`;
}
/**
 * Inline markdown text in which `backticked` parts (how our messages name inputs and commands)
 * become code spans instead of showing literal backticks.
 */
function markdownWithCode(text, maxChars = 300) {
    return truncate(oneLine(text), maxChars)
        .split(/`([^`]+)`/)
        .map((part, index) => (index % 2 === 1 ? inlineCode(part) : markdownText(part, maxChars)))
        .join('');
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
    return unlinked(truncate(oneLine(text), maxChars).replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]));
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

;// CONCATENATED MODULE: ./build/src/report/figures.js
/** Figures every rendering derives from the results model: percentiles, ordering, chart series. */

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
/** Samples further apart than this many typical spacings leave a gap, said under the charts. */
const GAP_FACTOR = 3;
/**
 * The charts' series from the stats history. Requests and failures per second come from the
 * cumulative totals (Locust's own Requests/s is a rolling average that lags: it showed 0 during a
 * peak and traffic after the users had gone), read where a worker report changed them: the rows
 * between two reports repeat stale totals. Each report counts what its worker did since its
 * previous report, so the requests it brings are spread over the report period before it (see
 * `reportsOf`); an interval's rate is the requests so counted ÷ the time they cover. Between the
 * moment every worker has reported once and every worker's last regular report, those counts are
 * exact whatever the workers' phases, so an interval reaching outside that stretch is counted over
 * its part inside it: the rows before the first reports and after the last one (or after the users
 * stopped) neither dilute the first and last points nor, through the workers' final reports, make
 * them overshoot. Intervals last a whole number of report periods, so each counts as many reports
 * as the next; an interval inside a gap gets the average over the gap, never a made-up 0. Within
 * an interval users, p95 and p99 keep their maximum, p50 its mean; an interval without samples
 * takes its neighbours' values. Null when fewer than two samples exist.
 */
function chartSeries(results, maxPoints) {
    const points = [...results.history].sort((a, b) => a.timestamp - b.timestamp);
    const first = results.historySpan?.first ?? points[0];
    if (points.length < 2 || first === undefined)
        return null;
    const start = first.timestamp;
    const counts = [first, ...results.historyCounts.filter((c) => c.timestamp > start)];
    const countTimes = counts.map((c) => c.timestamp - start);
    const span = seriesEnd(points[points.length - 1].timestamp - start, countTimes.at(-1));
    if (!(span > 0))
        return null;
    const width = intervalWidth(span, maxPoints);
    const intervals = Math.max(1, Math.floor(span / width));
    const ends = Array.from({ length: intervals }, (_, k) => k === intervals - 1 ? span : (k + 1) * width);
    const starts = [0, ...ends.slice(0, -1)];
    const stoppedAt = results.historySpan?.usersStoppedAt;
    const { spreads, exact } = reportsOf(countTimes, stoppedAt === undefined ? null : stoppedAt - start);
    const perSecond = (pick) => {
        const counted = countedBy(spreads, counts.map(pick));
        return ends.map((end, k) => {
            const [a, b] = countedStretch(starts[k], end, exact, span);
            return (counted(b) - counted(a)) / (b - a);
        });
    };
    const inInterval = (k) => points.filter((p) => {
        const t = p.timestamp - start;
        return (k === 0 ? t >= 0 : t > starts[k]) && t <= ends[k];
    });
    const perInterval = (value, combine) => {
        const known = points.filter((p) => value(p) !== null);
        if (known.length === 0)
            return null;
        const knownTimes = known.map((p) => p.timestamp - start);
        const knownValues = known.map((p) => value(p));
        return ends.map((end, k) => {
            const values = inInterval(k).flatMap((p) => (value(p) === null ? [] : [value(p)]));
            return values.length > 0 ? combine(values) : interpolate(knownTimes, knownValues, end);
        });
    };
    const max = (values) => Math.max(...values);
    const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
    return {
        fromSeconds: ends[0],
        toSeconds: intervals * width,
        intervalSeconds: width,
        users: perInterval((p) => p.users, max) ?? [],
        requestsPerSecond: perSecond((c) => c.totalRequests),
        failuresPerSecond: perSecond((c) => c.totalFailures),
        p50: perInterval((p) => p.p50Ms, mean),
        p95: perInterval((p) => p.p95Ms, max),
        p99: perInterval((p) => p.p99Ms, max),
        gaps: findGaps(points.map((p) => p.timestamp - start), width)
    };
}
/** The chart interval: whole report periods, as few as keep to maxPoints intervals; 1 s for a few seconds. */
function intervalWidth(span, maxPoints) {
    if (span < 2 * LOCUST_REPORT_SECONDS)
        return 1;
    return LOCUST_REPORT_SECONDS * Math.max(1, Math.ceil(span / (LOCUST_REPORT_SECONDS * maxPoints)));
}
/**
 * Where the stats history's last rows are only the ones Locust writes after the last report (the
 * users stopped, or the workers went quiet), the series ends at that report: nothing was counted
 * after it. A longer stretch without reports is drawn, with no requests counted in it.
 */
function seriesEnd(lastSample, lastReport) {
    const tail = lastSample - lastReport;
    return lastReport > 0 && tail <= 2 * LOCUST_REPORT_SECONDS ? lastReport : lastSample;
}
/**
 * The part of an interval its rate is counted over: its part inside the exact stretch, or the
 * whole interval when it lies outside; widened to a report period at least (within the exact
 * stretch, or within the series) since a second of it may hold a third of a report.
 */
function countedStretch(start, end, exact, span) {
    const inside = exact !== null && end > exact[0] && start < exact[1];
    const [low, high] = inside ? exact : [0, span];
    const from = Math.max(start, low);
    const to = Math.min(end, high);
    const widenedFrom = Math.max(low, Math.min(from, to - LOCUST_REPORT_SECONDS));
    return [widenedFrom, Math.min(high, Math.max(to, widenedFrom + LOCUST_REPORT_SECONDS))];
}
/**
 * Where each change of the totals (times ascending, the first the base) counted its requests, and
 * the stretch over which those counts are exact (null when the changes do not span one). A change
 * counts the report period before it, or the gap since the change before when that is longer (a
 * pause in the samples, or downsampled counts), never before the first sample. Every worker has
 * reported once by the last change within a report period of the first, and has sent its last
 * regular report by the first change within a report period of the last: between the two, the
 * spread counts add up exactly. A last change at or after the users stopped brings the workers'
 * final reports, counting from their last regular reports to the stop: it is spread over that
 * stretch, which Locust's whole-second timestamps place only to a second.
 */
function reportsOf(times, stopped) {
    const period = LOCUST_REPORT_SECONDS;
    const changes = times.slice(1);
    const final = stopped !== null && changes.length > 1 && changes.at(-1) >= stopped;
    const regular = final ? changes.slice(0, -1) : changes;
    const from = regular.findLast((t) => t < regular[0] + period);
    const to = regular.find((t) => t > regular.at(-1) - period);
    const exact = from !== undefined && to !== undefined && to > from ? [from, to] : null;
    const spreads = changes.map((time, i) => {
        if (final && i === changes.length - 1)
            return [to ?? times[i], time];
        const gap = i === 0 ? 0 : time - times[i];
        return [Math.max(times[0], time - Math.max(period, gap)), time];
    });
    return { spreads, exact };
}
/** What the reports counted by elapsed time t: each change of the totals spread over its stretch. */
function countedBy(spreads, totals) {
    return (t) => spreads.reduce((sum, [from, to], i) => {
        if (t <= from)
            return sum;
        const counted = totals[i + 1] - totals[i];
        return sum + (t >= to ? counted : (counted * (t - from)) / (to - from));
    }, 0);
}
/** Piecewise-linear value at t of the samples (xs ascending); the ends are held flat. */
function interpolate(xs, ys, t) {
    if (t <= xs[0])
        return ys[0];
    for (let i = 1; i < xs.length; i++) {
        if (t <= xs[i]) {
            const span = xs[i] - xs[i - 1];
            return span > 0 ? ys[i - 1] + ((ys[i] - ys[i - 1]) * (t - xs[i - 1])) / span : ys[i];
        }
    }
    return ys[ys.length - 1];
}
/** Pauses between samples longer than a few typical spacings (and than a chart interval). */
function findGaps(times, intervalSeconds) {
    const spacings = times.slice(1).map((t, i) => t - times[i]);
    if (spacings.length === 0)
        return [];
    const typical = [...spacings].sort((a, b) => a - b)[Math.floor(spacings.length / 2)];
    const limit = Math.max(GAP_FACTOR * typical, intervalSeconds);
    return spacings.flatMap((spacing, i) => spacing > limit ? [[times[i], times[i + 1]]] : []);
}

// EXTERNAL MODULE: ./build/src/thresholds/format.js
var format = __nccwpck_require__(4215);
;// CONCATENATED MODULE: ./build/src/report/format.js
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
function formatValue(value, family) {
    const known = value === undefined || (value !== null && !Number.isFinite(value)) ? null : value;
    return (0,format/* formatMetricValue */.dd)(FAMILY_METRICS[family], known);
}
/** A whole number with thousands separators: "4,333". */
function formatCount(value) {
    return formatValue(value, 'count');
}
/**
 * A rule's limit as a condition: "< 500 ms", ">= 100/s"; a baseline rule's shows where it comes
 * from: "< 440 ms (baseline × 1.1)", or "< baseline × 1.1" when there was no baseline.
 */
function formatLimit({ rule, limit }) {
    if (rule.baseline === undefined || limit === null)
        return `${rule.operator} ${(0,format/* describeBound */.YD)(rule)}`;
    return `${rule.operator} ${(0,format/* formatMetricValue */.dd)(rule.metric, limit)} (${(0,format/* describeBound */.YD)(rule)})`;
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

;// CONCATENATED MODULE: ./build/src/run/validity.js
/**
 * Whether a run is fit to judge (docs/outcomes.md, `invalid`), and whether a baseline was measured
 * under the same conditions. Pure: the engine hands in the facts, the results and Locust's logs.
 */

// Locust 2.12 to 2.4x word these alike: the process's own warning, and the master's about a worker.
const OWN_CPU_WARNING = /CPU usage above \d+%/i;
const WORKER_CPU_WARNING = /Worker (\S+) (?:\(index (\d+)\) )?exceeded cpu threshold/i;
const WORKERS_CPU_SUMMARY = /CPU usage threshold was exceeded on workers/i;
const SHAPE_STARTED = /Shape test starting/;
const SHAPE_TARGET = /Shape test updating to (\d+) users/g;
const HEARTBEAT_MISSED = /Worker (\S+) failed to send heartbeat, setting state to missing/g;
/**
 * Reads the CPU warnings and the load shape's own peak from Locust's logs: master.log (both the
 * local backend and the AWS container keep the master's log in the results folder, and the master
 * names each worker that reported a CPU above 90 %) and worker-N.log (local backend only).
 */
function logSignals(logs) {
    const master = logs.find((log) => log.name === 'master.log')?.text ?? '';
    const fromMaster = master.split('\n').flatMap((line) => {
        const worker = WORKER_CPU_WARNING.exec(line);
        if (worker)
            return [worker[2] === undefined ? `worker ${worker[1]}` : `worker ${worker[2]}`];
        return OWN_CPU_WARNING.test(line) ? ['the master'] : [];
    });
    // Worker logs only where the master named no worker (it names each one once it warned).
    const fromWorkers = fromMaster.some((name) => name !== 'the master')
        ? []
        : logs
            .filter((log) => log.name !== 'master.log' && OWN_CPU_WARNING.test(log.text))
            .map((log) => log.name.replace(/\.log$/, '').replace('-', ' '));
    const cpuWarnings = [...new Set([...fromMaster, ...fromWorkers])];
    if (cpuWarnings.length === 0 && WORKERS_CPU_SUMMARY.test(master))
        cpuWarnings.push('a worker');
    const targets = [...master.matchAll(SHAPE_TARGET)].map((match) => Number(match[1]));
    return {
        cpuWarnings,
        loadShape: SHAPE_STARTED.test(master),
        workersMissed: new Set([...master.matchAll(HEARTBEAT_MISSED)].map((match) => match[1])).size,
        ...(targets.length === 0 ? {} : { shapePeakUsers: Math.max(...targets) })
    };
}
/** A run shorter than its run time by more than this share (and EARLY_STOP_MIN_SECONDS) ended early. */
const EARLY_STOP_SHARE = 0.1;
const EARLY_STOP_MIN_SECONDS = 3;
/**
 * Why a completed run is unfit to judge, most telling first; empty when it is fit. Figures of the
 * plan that are 0 are unknown (a folder of CSVs judged on its own) and are not checked. A run that
 * errored or was cancelled has its own verdict and is not checked here.
 */
function unfitReasons(evidence) {
    const { facts, results, signals } = evidence;
    const reasons = [];
    if (signals.cpuWarnings.length > 0) {
        reasons.push(`Locust warned that the CPU of ${joinWords(signals.cpuWarnings)} was above 90 %: the load generator itself was saturated, so the response times it measured are not the system's. Use more workers or fewer users per worker.`);
    }
    const connected = facts.workersConnected;
    const needed = facts.minWorkers ?? facts.workers;
    if (facts.workers > 0 && connected !== undefined && connected < needed) {
        const least = needed < facts.workers ? ` (min-workers ${needed})` : '';
        reasons.push(`Only ${connected} of the ${facts.workers} workers asked for connected${least}: the load was not the one planned.`);
    }
    // A worker that went missing and was replaced (a restarted or new task joins) is not lost.
    const lost = Math.max(0, (facts.workersLost ?? 0) - workersReplaced(facts));
    if (lost > 0) {
        reasons.push(`${lost} ${lost === 1 ? 'worker was' : 'workers were'} lost during the run (no heartbeat) and not replaced: the load was not the one planned.`);
    }
    const requested = signals.loadShape ? signals.shapePeakUsers : facts.users;
    // Requests were made, so users ran: a history that never shows any was not written while the
    // load ran (Locust flushes it every 10 s, so a short run may have only its first and last rows).
    const reached = results?.historySpan?.peakUsers || undefined;
    if (requested !== undefined && requested > 0 && reached !== undefined && reached < requested) {
        const asked = signals.loadShape ? 'the load shape asked for at its peak' : 'requested';
        reasons.push(`Users never reached the count ${asked}: at most ${reached} of ${requested}. Give the ramp-up time (a higher spawn rate or a longer run time), or check that the workers keep up.`);
    }
    const duration = facts.durationSeconds ?? historySeconds(results);
    const planned = facts.runTimeSeconds;
    const margin = Math.max(EARLY_STOP_MIN_SECONDS, planned * EARLY_STOP_SHARE);
    const early = (seconds) => !signals.loadShape && planned > 0 && seconds !== undefined && seconds < planned - margin;
    // Users that stop themselves (StopUser) leave the test running without load, as the user meant:
    // only users taken by a master that missed its workers' heartbeats are a load that failed. And
    // only against a planned run time: one measured from the history itself (a folder judged on its
    // own) has no plan to fall short of.
    const planKnown = facts.runTimeResolutionSeconds === undefined && evidence.rounds !== true;
    const loaded = planKnown && signals.workersMissed > 0 ? loadSeconds(results) : undefined;
    if (early(duration)) {
        reasons.push(`The test stopped after ${Math.round(duration)} s of its ${planned} s run time, for no stated reason: its figures do not cover the run that was planned.`);
    }
    else if (early(loaded)) {
        reasons.push(`The users stopped after ${Math.round(loaded)} s of the ${planned} s run time and did not come back: the master missed the heartbeats of ${signals.workersMissed} ${signals.workersMissed === 1 ? 'worker' : 'workers'} (master.log), so its figures do not cover the load that was planned. Give the workers more CPU or fewer users each.`);
    }
    return reasons;
}
/** Workers started in place of lost ones: counted by the backend, else joins beyond those asked. */
function workersReplaced(facts) {
    return facts.workersReplaced ?? Math.max(0, (facts.workersJoined ?? 0) - facts.workers);
}
/** From the first history row to the row where the users had stopped for good, when they had. */
function loadSeconds(results) {
    const span = results?.historySpan;
    return span?.usersStoppedAt === undefined ? undefined : span.usersStoppedAt - span.first.timestamp;
}
function historySeconds(results) {
    const span = results?.historySpan;
    return span ? span.lastTimestamp - span.first.timestamp : undefined;
}
const CONDITIONS = [
    { key: 'users', name: 'users' },
    { key: 'spawnRate', name: 'spawn rate' },
    // "run time 22s now, 1m10s in the baseline", not "run time (s) 22 now, 70 …".
    {
        key: 'runTimeSeconds',
        name: 'run time',
        shown: (value) => formatSeconds(Number(value)),
        // A run time measured from Locust's history (either side) is known to its resolution.
        tolerance: (now, baseline) => Math.max(now.runTimeResolutionSeconds ?? 0, baseline.runTimeResolutionSeconds ?? 0)
    },
    { key: 'workers', name: 'workers' },
    { key: 'locustVersion', name: 'Locust version' }
];
/**
 * How the baseline's conditions differ from this run's, e.g. "users 20 now, 10 in the baseline";
 * empty when they agree. A condition unknown on either side (absent, or 0) is not compared. A run
 * time measured from Locust's history (either side) agrees within its resolution: 17 s and 18 s
 * spans of two 15-second runs are the same run time.
 */
function conditionChanges(now, baseline) {
    return CONDITIONS.flatMap(({ key, name, shown = String, tolerance }) => {
        const current = now[key];
        const before = baseline[key];
        if (current === undefined || before === undefined || current === 0 || before === 0)
            return [];
        const agree = tolerance === undefined
            ? current === before
            : Math.abs(Number(current) - Number(before)) <= tolerance(now, baseline);
        return agree ? [] : [`${name} ${shown(current)} now, ${shown(before)} in the baseline`];
    });
}
/**
 * The evaluation with every decided baseline rule made inconclusive for `reason` (a baseline
 * measured under other conditions cannot decide them); fixed rules and skipped ones keep theirs.
 */
function withBaselineUndecided(evaluation, reason) {
    const results = evaluation.results.map((result) => result.rule.baseline !== undefined && (result.verdict === 'pass' || result.verdict === 'fail')
        ? { ...result, verdict: 'inconclusive', reason }
        : result);
    const passed = results.every((result) => result.verdict !== 'fail' && result.verdict !== 'not_evaluated');
    return { ...evaluation, passed, inconclusive: results.some(isInconclusive), results };
}
function isInconclusive(result) {
    return result.verdict === 'inconclusive';
}
function joinWords(words) {
    return words.length <= 1
        ? words.join('')
        : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

;// CONCATENATED MODULE: ./build/src/report/content.js



/** Emoji with a coloured body: ❔, a white outline, all but vanished on GitHub's light page. */
const content_VERDICT_ICONS = {
    passed: '✅',
    inconclusive: '❓',
    failed: '❌',
    invalid: '🚫',
    error: '⚠️',
    cancelled: '⏹️'
};
/** What became of a load test, said after its name: "Checkout API failed its thresholds". */
const VERDICT_PREDICATES = {
    passed: 'passed',
    inconclusive: 'inconclusive',
    failed: 'failed its thresholds',
    invalid: 'run unfit to judge',
    error: 'could not run',
    cancelled: 'cancelled'
};
/** A verdict said of the named test (the PR comment's `test-name`, "Load test" by default). */
function namedVerdict(name, verdict) {
    return `${name} ${VERDICT_PREDICATES[verdict]}`;
}
const content_VERDICT_TITLES = Object.fromEntries(Object.keys(VERDICT_PREDICATES).map((verdict) => [
    verdict,
    namedVerdict('Load test', verdict)
]));
/** The heading of a report. */
function verdictTitle(report) {
    return content_VERDICT_TITLES[report.verdict];
}
/**
 * What must be read before any figure: why the run is unfit to judge (each reason), and why the
 * baseline cannot decide its rules. Empty for a run fit to judge against a comparable baseline.
 */
function validityNotes(report) {
    return [
        ...(report.facts.aborted === undefined
            ? []
            : [{ label: 'Aborted', text: abortNote(report.facts.aborted.message) }]),
        ...(report.unfitReasons ?? []).map((text) => ({ label: 'Unfit to judge', text })),
        ...(report.baselineNotComparable === undefined
            ? []
            : [{ label: 'Baseline not comparable', text: report.baselineNotComparable }])
    ];
}
/**
 * "at 2:10 by …; the figures cover the run until then.", under the label "Aborted": the abort's
 * message starts "aborted at", which the label already says.
 */
function abortNote(message) {
    return `${message.replace(/^aborted /i, '')}; the figures cover the run until then.`;
}
const PARTIAL_NOTE = 'the run did not complete, so the figures cover only part of it.';
const NO_RESULTS_NOTE = 'Locust wrote no readable results.';
function thresholdsSentence(results) {
    const skipped = results.filter((result) => result.verdict === 'skipped').length;
    const judged = results.length - skipped;
    const failed = results.filter((result) => result.verdict === 'fail').length;
    const unmeasured = results.filter((result) => result.verdict === 'not_evaluated').length;
    const inconclusive = results.filter((result) => result.verdict === 'inconclusive').length;
    // Noise is one reason a rule is undecided; a baseline measured otherwise or too few requests
    // are others: each rule's own reason says which.
    const inconclusiveNote = inconclusive === 0
        ? ''
        : ` ${formatCount(inconclusive)} ${inconclusive === 1 ? 'was' : 'were'} inconclusive: the data cannot decide ${inconclusive === 1 ? 'it' : 'them'}.`;
    const skippedNote = skipped === 0
        ? ''
        : ` ${formatCount(skipped)} baseline ${skipped === 1 ? 'rule was' : 'rules were'} skipped (no baseline to compare).`;
    if (results.length === 0)
        return 'No thresholds were set.';
    if (judged === 0)
        return skippedNote.trim();
    if (judged === 1) {
        const outcome = failed === 1
            ? 'The threshold failed.'
            : unmeasured === 1
                ? 'The threshold was not evaluated.'
                : inconclusive === 1
                    ? 'The threshold was inconclusive: the data cannot decide it.'
                    : 'The threshold held.';
        return outcome + skippedNote;
    }
    if (failed === 0 && unmeasured === 0 && inconclusive === 0)
        return `All ${formatCount(judged)} thresholds held.${skippedNote}`;
    if (failed === 0 && unmeasured === 0)
        return `${formatCount(judged - inconclusive)} of ${formatCount(judged)} thresholds held.${inconclusiveNote}${skippedNote}`;
    const parts = [];
    if (failed > 0)
        parts.push(`${formatCount(failed)} of ${formatCount(judged)} thresholds failed`);
    if (unmeasured > 0) {
        const verb = unmeasured === 1 ? 'was' : 'were';
        parts.push(failed > 0
            ? `${formatCount(unmeasured)} ${verb} not evaluated`
            : `${formatCount(unmeasured)} of ${formatCount(judged)} thresholds ${verb} not evaluated`);
    }
    return `${parts.join('; ')}.${inconclusiveNote}${skippedNote}`;
}
/** The rule as written, and "(default)" for the guard no rule asked for. */
function ruleLabel(rule) {
    return rule.isDefault ? `${rule.text} (default)` : rule.text;
}
/**
 * The warning a run with failed requests carries when the user set no failure rule: only the
 * default guard stood between those failures and a pass.
 */
function failuresWarning(report) {
    const total = report.results?.aggregate;
    const guarded = report.evaluation.results.some((result) => result.rule.isDefault);
    if (!total || total.failures === 0 || !guarded)
        return undefined;
    return (`${formatCount(total.failures)} of ${formatCount(total.requests)} requests failed ` +
        `(${formatValue(failRatio(total), 'ratio')}) and no threshold checks failures, so the default ` +
        `fail_ratio < 1% judged them. Add a failure rule (e.g. fail_ratio < 1%) to set your own limit.`);
}
/** The aggregate in one line; strong() emphasises each figure the way the rendering can. */
function headline(total, strong) {
    return [
        `${strong(formatCount(total.requests))} requests`,
        `${strong(formatCount(total.failures))} failures (${formatValue(failRatio(total), 'ratio')})`,
        strong(formatValue(total.rps, 'rate')),
        `median ${strong(formatValue(total.medianMs, 'time'))}`,
        `p95 ${strong(formatValue(percentileMs(total, 95), 'time'))}`,
        `p99 ${strong(formatValue(percentileMs(total, 99), 'time'))}`
    ].join(' · ');
}
/** Local workers: those connected, and the master's count of those that left and came back. */
function workersRejoined(facts, connected) {
    // Joins beyond the expected workers are restarts; a lost worker's users stopped with it.
    const rejoined = Math.max(0, (facts.workersJoined ?? 0) - facts.workers);
    return [
        connected,
        ...(rejoined > 0 ? [`${formatCount(rejoined)} joined again later`] : []),
        ...((facts.workersLost ?? 0) > 0
            ? [`${formatCount(facts.workersLost)} lost during the run (no heartbeat)`]
            : [])
    ].join(', ');
}
/**
 * Fargate workers: those connected when the load started (of those asked), then, when anything
 * happened to them, where the load started (min-workers), the joins, the replaced (reclaimed by
 * Spot among them) and the lost for good.
 */
function workerFleet(facts, connected) {
    const replaced = workersReplaced(facts);
    const lost = Math.max(0, (facts.workersLost ?? 0) - replaced);
    const startedEarly = facts.minWorkers !== undefined && facts.minWorkers < facts.workers;
    const joinedMore = facts.workersJoined !== undefined && facts.workersJoined !== facts.workersConnected;
    if (!startedEarly && !joinedMore && replaced === 0 && lost === 0)
        return connected;
    const reclaimed = facts.workersReclaimed === undefined
        ? ''
        : ` (${formatCount(facts.workersReclaimed)} reclaimed by Fargate Spot)`;
    return [
        connected,
        ...(startedEarly ? [`the load started at ${formatCount(facts.minWorkers)}`] : []),
        ...(facts.workersJoined === undefined ? [] : [`${formatCount(facts.workersJoined)} joined`]),
        `${formatCount(replaced)} replaced${reclaimed}`,
        `${formatCount(lost)} lost`
    ].join(', ');
}
/** The run facts as label/value pairs, links excluded (each rendering draws them its own way). */
function runFacts(report, format) {
    const facts = report.facts;
    const known = (text, shown) => text === undefined ? 'not known' : shown(text);
    const processes = facts.workerProcesses === undefined
        ? ''
        : ` (${formatCount(facts.workerProcesses)} Locust processes)`;
    const connected = facts.workersConnected === undefined
        ? `${formatCount(facts.workers)} expected`
        : `${formatCount(facts.workersConnected)} of ${formatCount(facts.workers)} connected` +
            processes;
    const workers = facts.workersReplaced === undefined
        ? workersRejoined(facts, connected)
        : workerFleet(facts, connected);
    // What ran, from the stats history, beside what was asked: a LoadTestShape sets its own users.
    // One sample (Locust stopped before its next write) says nothing about the run.
    const span = (report.results?.historyRowsRead ?? 0) >= 2 ? report.results.historySpan : null;
    // In rounds, run-time is the length of each round's measurement, not of the run.
    const perRound = report.rounds
        ? report.rounds.baselinePooled
            ? ' per round and side'
            : ' per round'
        : '';
    const requested = `${formatSeconds(facts.runTimeSeconds)}${perRound} requested`;
    const measured = facts.durationSeconds !== undefined
        ? `${formatSeconds(facts.durationSeconds)} measured`
        : span !== null
            ? `${formatSeconds(span.lastTimestamp - span.first.timestamp)} in the stats history`
            : undefined;
    const runTime = measured === undefined ? requested : `${requested}, ${measured}`;
    const spawn = `spawn rate ${formatValue(facts.spawnRate, 'rate')}`;
    const asked = facts.loadShape
        ? 'as the LoadTestShape set them'
        : `${formatCount(facts.users)} requested, ${spawn}`;
    const users = span === null
        ? facts.loadShape
            ? `set by the locustfile's LoadTestShape`
            : `${formatCount(facts.users)} (${spawn})`
        : `${formatCount(span.peakUsers)} at peak, ${formatCount(span.finalUsers)} at the end (${asked})`;
    // Results judged after the fact say nothing of how Locust was started.
    const items = facts.locustRanElsewhere
        ? [
            ['Backend', facts.backendLabel],
            ...(measured === undefined ? [] : [['Run time', measured]])
        ]
        : [
            ['Backend', facts.backendLabel],
            ['Host', known(facts.host, format.literal)],
            ['Users', users],
            ['Workers', workers],
            ['Run time', runTime]
        ];
    if (facts.startedAt !== undefined)
        items.push(['Started', format.text(facts.startedAt)]);
    if (facts.endedAt !== undefined)
        items.push(['Ended', format.text(facts.endedAt)]);
    if (facts.cpuWarnings !== undefined)
        items.push(['CPU above 90 %', format.text(facts.cpuWarnings.join(', '))]);
    const locust = known(facts.locustVersion, format.text);
    items.push(['Locust', facts.locustNote ? `${locust} (${format.text(facts.locustNote)})` : locust]);
    if (facts.cost !== undefined)
        items.push(['Cost', format.text(facts.cost.note)]);
    const missing = report.results?.missingFiles ?? [];
    if (missing.length > 0)
        items.push(['Not written by Locust', missing.map(format.literal).join(', ')]);
    const history = report.baselineHistory ?? [];
    if (history.length > 1) {
        const runs = history.map((entry) => format.text(entry.runId ?? entry.source)).join(', ');
        items.push(['Baseline history', `${formatCount(history.length)} runs, newest first: ${runs}`]);
    }
    if (report.acceptedAsBaseline)
        items.push(['Baseline', 'this run, accepted as the new baseline']);
    return items;
}
/**
 * Under the charts of a run in rounds: Locust's history runs through every round (both sides of a
 * paired run), so the lines show how the run went, not how the sides compare.
 */
const ROUNDS_CHART_NOTES = {
    repeated: 'The lines run through every round, one after the other, pauses between them included.',
    interleaved: 'The lines run through every round, the baseline and the candidate in turn: they show how the run went; how the sides compare is above.',
    duet: 'The lines add up both sides, loaded at the same time: they show how the run went; how the sides compare is above.'
};
const DESIGN_WORDS = {
    repeated: 'Repeated rounds',
    interleaved: 'Interleaved rounds',
    duet: 'Duet rounds'
};
/**
 * A run of rounds in a sentence: the design, how many rounds were judged (and skipped, why), the
 * warm-up, and each side's p95 and rate with its host; undefined for a run of one round.
 */
function roundsSentence(report, format) {
    if (report.roundsNote !== undefined)
        return format.text(report.roundsNote);
    const rounds = report.rounds;
    if (!rounds)
        return undefined;
    const skipped = rounds.skipped
        .map((round) => `round ${round.index} ${round.side}: ${round.reason}`)
        .join('; ');
    const how = rounds.design === 'repeated'
        ? 'pooled, the spread between rounds in every interval'
        : rounds.design === 'duet'
            ? 'both sides at once; baseline rules compare the sides round by round'
            : `the sides in turn${rounds.order ? ` (${format.text(rounds.order)})` : ''}; baseline rules compare the sides round by round`;
    const warmup = rounds.warmupSeconds > 0 ? ` after ${formatSeconds(rounds.warmupSeconds)} of warm-up` : '';
    const side = (name, host, stats) => `${name} ${format.literal(host)}: p95 ${formatValue(percentileMs(stats, 95), 'time')}, ` +
        `${formatValue(stats.rps, 'rate')}`;
    const sides = [
        ...(rounds.baselinePooled
            ? [side('Baseline', rounds.hosts.baseline ?? '', rounds.baselinePooled.aggregate)]
            : []),
        side(rounds.baselinePooled ? 'candidate' : 'Candidate', rounds.hosts.candidate, rounds.candidatePooled.aggregate)
    ];
    return (`${DESIGN_WORDS[rounds.design]}: ${formatCount(rounds.candidate.length)} judged` +
        (skipped ? `, ${formatCount(rounds.skipped.length)} skipped (${format.text(skipped)})` : '') +
        `, ${formatSeconds(rounds.roundSeconds)} each${warmup}, ${how}. ` +
        `${sides.join(' · ')}.`);
}

;// CONCATENATED MODULE: ./build/src/report/comparison.js




const CHANGE_WORDS = {
    worse: 'worse',
    better: 'better',
    same: 'within noise',
    unknown: 'n/a'
};
function comparisonCells(row) {
    const family = (0,metrics/* metricFamily */.Xb)(row.metric);
    const arrow = row.delta === null || row.change === 'same' ? '=' : row.delta > 0 ? '▲' : '▼';
    return {
        label: row.label,
        metric: (0,metrics/* metricName */.Kh)(row.metric),
        baseline: formatValue(row.baseline, family),
        current: formatValue(row.current, family),
        delta: row.delta === null ? 'n/a' : signed(row.delta, formatValue(Math.abs(row.delta), family)),
        deltaPercent: row.deltaRatio === null
            ? 'n/a'
            : signed(row.deltaRatio, formatValue(Math.abs(row.deltaRatio), 'ratio')) +
                (row.ratioInterval ? ` (${ratioBounds(row.ratioInterval)})` : ''),
        trend: `${arrow} ${CHANGE_WORDS[row.change]}`
    };
}
/** The bounds of now ÷ baseline as changes: "−4% to +12%", "+3% to ∞". */
function ratioBounds(interval) {
    const change = (ratio) => signed(ratio - 1, formatValue(Math.abs(ratio - 1), 'ratio'));
    return `${change(interval.low)} to ${interval.high === null ? '∞' : change(interval.high)}`;
}
/** How many rows changed beyond the noise, for a one-line verdict on the comparison. */
function comparisonSentence(comparison) {
    const worse = comparison.rows.filter((row) => row.change === 'worse').length;
    const better = comparison.rows.filter((row) => row.change === 'better').length;
    if (worse === 0 && better === 0)
        return 'No figure moved beyond the noise from the baseline.';
    return `${worse} ${worse === 1 ? 'figure' : 'figures'} worse and ${better} better than the baseline beyond the noise; the rest are within it.`;
}
function signed(value, magnitude) {
    if (value === 0)
        return magnitude;
    return `${value > 0 ? '+' : '−'}${magnitude}`;
}
/** The comparison as a GFM table of at most maxRows rows (the worst first), with a cut note. */
function comparisonTable(comparison, maxRows) {
    return rowsTable(comparison.rows, maxRows);
}
function rowsTable(rows, maxRows) {
    const shown = rows.slice(0, maxRows);
    const row = (cells) => `| ${cells.join(' | ')} |`;
    const lines = [
        row(['Endpoint', 'Metric', 'Baseline', 'Now', 'Δ', 'Δ %', 'Change']),
        row([':--', ':--', '--:', '--:', '--:', '--:', ':--']),
        ...shown.map((comparisonRow) => {
            const cells = comparisonCells(comparisonRow);
            return row([
                markdownText(cells.label, 120),
                cells.metric,
                cells.baseline,
                cells.current,
                cells.delta,
                cells.deltaPercent,
                cells.trend
            ]);
        })
    ];
    if (shown.length < rows.length) {
        lines.push('', `_Showing ${formatCount(shown.length)} of ${formatCount(rows.length)} figures (the worst first); all of them are in results.json._`);
    }
    return lines.join('\n');
}
/**
 * The rule people must read first, in one line with its numbers: the first failing rule, else the
 * first inconclusive one; undefined when none. "p95 < baseline × 1.1 failed: 85 ms against a limit
 * of 44 ms; now ÷ baseline ×2.13 (×1.71 to ×2.6)".
 */
function leadingRuleLine(results) {
    const lead = results.find((result) => result.verdict === 'fail') ??
        results.find((result) => result.verdict === 'inconclusive');
    if (!lead || lead.actual === null)
        return undefined;
    const family = (0,metrics/* metricFamily */.Xb)(lead.rule.metric);
    const outcome = lead.verdict === 'fail' ? 'failed' : 'is inconclusive';
    const interval = lead.interval
        ? ` (${formatValue(lead.interval.low, family)} to ${lead.interval.high === null ? '∞' : formatValue(lead.interval.high, family)})`
        : '';
    const ratio = lead.ratio
        ? `; now ÷ baseline ×${lead.ratio.value.toFixed(2)} (×${lead.ratio.low.toFixed(2)} to ${lead.ratio.high === null ? '∞' : `×${lead.ratio.high.toFixed(2)}`})`
        : '';
    // The reason may be a whole sentence: its full stop would double the line's.
    const why = lead.verdict === 'inconclusive' && lead.reason ? `: ${lead.reason.replace(/\.$/, '')}` : '';
    return `${tableCode((0,format/* describeRule */.IO)(lead.rule))} ${outcome}: ${formatValue(lead.actual, family)}${interval} against ${markdownText(formatLimit(lead))}${ratio}${markdownText(why)}.`;
}
/**
 * Where the baseline came from, as a markdown line: its source and, when known, its run. A paired
 * run's baseline is its own other side: said in words, only its host as code.
 */
function baselineSourceLine(comparison, rounds) {
    const pairedHost = rounds?.baselinePooled ? rounds.hosts.baseline : undefined;
    const source = pairedHost === undefined
        ? inlineCode(comparison.baselineSource, 200)
        : `the baseline side of this run, ${inlineCode(pairedHost, 200)}`;
    const id = comparison.baselineRunId;
    if (id === undefined)
        return `Baseline: ${source}.`;
    const run = markdownLink(`run ${id}`, comparison.baselineRunUrl);
    return `Baseline: ${source}, from ${run}.`;
}
/**
 * The markdown of the comparison with the baseline: where the baseline came from, the sentence and
 * the table; or the note that says why there is none. No lines when no baseline was asked for.
 */
function comparisonMarkdown(report, maxRows, maxNoteChars) {
    if (report.comparison) {
        // Changes beyond the noise first (worse, then better); the rest folded away.
        const beyond = report.comparison.rows.filter((row) => row.change === 'worse' || row.change === 'better');
        const within = report.comparison.rows.filter((row) => row.change !== 'worse' && row.change !== 'better');
        const lines = [
            `${baselineSourceLine(report.comparison, report.rounds)} ${comparisonSentence(report.comparison)}`
        ];
        if (beyond.length > 0)
            lines.push('', rowsTable(beyond, maxRows));
        if (within.length > 0) {
            lines.push('', '<details>', `<summary>${formatCount(within.length)} ${within.length === 1 ? 'figure' : 'figures'} within the noise</summary>`, '', rowsTable(within, maxRows), '', '</details>');
        }
        return lines;
    }
    if (report.baselineNote !== undefined) {
        return [`_${markdownText(report.baselineNote, maxNoteChars)}_`];
    }
    return [];
}

;// CONCATENATED MODULE: ./build/src/report/dynamic-urls.js

/** Endpoint rows a report shows at most (failing first, then the busiest); results.json has all. */
const MAX_ENDPOINT_ROWS = 50;
/** How many endpoints of one pattern it takes to say so. */
const MIN_GROUP = 20;
/** Path segments and query values that look like ids: numbers, UUIDs, long hex, digits in letters. */
const ID_SEGMENT = /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|(?=[^/]*\d)[0-9a-z_-]{8,})$/i;
/** The name with its ids replaced by `{id}`: `/items/17?color=red` → `/items/{id}?color={id}`. */
function urlPattern(name) {
    const [path, query] = splitOnce(name, '?');
    const shownPath = path
        .split('/')
        .map((segment) => (ID_SEGMENT.test(segment) ? '{id}' : segment))
        .join('/');
    if (query === undefined)
        return shownPath;
    const shownQuery = query
        .split('&')
        .map((pair) => `${splitOnce(pair, '=')[0]}={id}`)
        .join('&');
    return `${shownPath}?${shownQuery}`;
}
function splitOnce(text, separator) {
    const at = text.indexOf(separator);
    return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
/** The largest group of endpoints that differ only in their ids, when it is large enough. */
function changingIds(endpoints) {
    const groups = new Map();
    for (const endpoint of endpoints) {
        const pattern = urlPattern(endpoint.name);
        if (pattern === endpoint.name)
            continue;
        const key = `${endpoint.method} ${pattern}`.trim();
        groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    let largest;
    for (const [pattern, count] of groups) {
        if (count >= MIN_GROUP && count > (largest?.count ?? 0))
            largest = { count, pattern };
    }
    return largest;
}
/** What the report says about such a group: what was found, and the fix. */
function changingIdsAdvice(group) {
    const path = group.pattern.slice(group.pattern.indexOf(' ') + 1);
    return `${formatCount(group.count)} endpoints look like one URL with changing ids (\`${group.pattern}\`) — group them with \`name=\`, e.g. \`self.client.get(url, name="${path}")\`.`;
}

;// CONCATENATED MODULE: ./build/src/report/markdown.js
/**
 * The job summary: a run report as GitHub-flavoured markdown with Mermaid charts. Verdict first,
 * then what explains it. Every piece of user-controlled text goes through ./escape.ts, and the
 * result always fits in maxBytes: endpoint rows are cut (least important first) and the cut said.
 *
 * How src/report/ is laid out, and where a new section of the summary goes:
 * - model.ts: the RunReport every rendering draws; outcome.ts: verdict → exit code and step outcome.
 * - What a section says, whatever draws it: figures derived from the results (percentiles, order,
 *   chart series) in figures.ts; words and label/value pairs in content.ts; one-line sentences
 *   for logs and the step's failure message in sentences.ts; numbers formatted in format.ts.
 * - How it is drawn: here for the summary (a `…Section` function, added to renderMarkdown in its
 *   place), terminal.ts for the CLI, comment.ts for the PR comment (a short pick of the same
 *   sections), json.ts and outputs.ts for machines; comparison.ts is the baseline comparison's
 *   cells, shared by all three texts. escape.ts makes user-controlled text safe in each.
 * So a new section is its content in figures.ts or content.ts, a `…Section` here, and, when the
 * terminal shows it too, the same content drawn in terminal.ts.
 */








/** GitHub refuses a step summary larger than 1 MiB. */
const SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** Room left under the limit for anything the action appends to the summary. */
const DEFAULT_MAX_BYTES = SUMMARY_LIMIT_BYTES - 32 * 1024;
const MAX_THRESHOLD_ROWS = 200;
const MAX_FAILURE_ROWS = 20;
const MAX_COMPARISON_ROWS = 60;
const MAX_EXCEPTIONS = 10;
const MAX_TRACEBACK_CHARS = 4000;
const MAX_ERROR_CHARS = 2000;
const MAX_ERROR_LINES = 60;
const CHART_POINTS = 60;
function renderMarkdown(report, options = {}) {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const results = report.results;
    const leading = [
        verdictSection(report),
        thresholdsSection(report.evaluation.results),
        comparisonSection(report)
    ];
    const trailing = results
        ? [
            failuresSection(results),
            exceptionsSection(results.exceptions, results.exceptionsNotKept),
            factsSection(report)
        ]
        : [factsSection(report)];
    if (results)
        trailing.push(chartsSection(results, report));
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
/** The job summary of a run that ended before it had anything to report (e.g. invalid inputs). */
function errorSummary(message) {
    return joinSections([
        [`## ${VERDICT_ICONS.error} ${VERDICT_TITLES.error}`, '', ...errorBlocks(message)]
            .join('\n')
            .trimEnd()
    ]);
}
const SECTION_SEPARATOR = '\n\n';
const VERDICT_CELLS = {
    pass: '✅ pass',
    fail: '❌ fail',
    inconclusive: '❓ inconclusive',
    skipped: '⏭️ skipped',
    not_evaluated: '➖ not evaluated'
};
function joinSections(sections) {
    return `${sections.filter((section) => section !== '').join(SECTION_SEPARATOR)}\n`;
}
function byteLength(text) {
    return Buffer.byteLength(text, 'utf8');
}
function verdictHeading(report) {
    return `## ${content_VERDICT_ICONS[report.verdict]} ${verdictTitle(report)}`;
}
function verdictSection(report) {
    const lines = [verdictHeading(report), ''];
    for (const note of validityNotes(report))
        lines.push(`> **${note.label}:** ${markdownText(note.text)}`, '');
    if (report.error !== undefined)
        lines.push(...errorBlocks(report.error));
    if (report.partial)
        lines.push(`> **Partial results:** ${PARTIAL_NOTE}`, '');
    const warning = failuresWarning(report);
    if (warning !== undefined)
        lines.push(`> **Warning:** ${markdownText(warning)}`, '');
    if (!report.results)
        lines.push(NO_RESULTS_NOTE, '');
    const lead = leadingRuleLine(report.evaluation.results);
    if (lead !== undefined)
        lines.push(`**${lead}**`, '');
    lines.push(thresholdsSentence(report.evaluation.results));
    const rounds = roundsSentence(report, { text: (text) => markdownText(text), literal: inlineCode });
    if (rounds !== undefined)
        lines.push('', rounds);
    if (report.results)
        lines.push('', headline(report.results.aggregate, (text) => `**${text}**`));
    return lines.join('\n');
}
/**
 * An error message: its first line as the error, then its other lines as they were written: lines
 * quoted from a log (indented, e.g. a Python traceback) as code blocks, the others as text.
 */
function errorBlocks(error) {
    const [first, ...rest] = error.split(/\r?\n/);
    const blocks = [`> **Error:** ${markdownWithCode(first, MAX_ERROR_CHARS)}`, ''];
    let quoted = [];
    const flush = () => {
        if (quoted.length > 0)
            blocks.push(fencedBlock(lastChars(dedent(quoted), MAX_TRACEBACK_CHARS)), '');
        quoted = [];
    };
    for (const line of rest.slice(-MAX_ERROR_LINES)) {
        if (/^\s/.test(line)) {
            quoted.push(line);
        }
        else {
            flush();
            if (line.trim() !== '')
                blocks.push(markdownWithCode(line, MAX_ERROR_CHARS), '');
        }
    }
    flush();
    return blocks;
}
function dedent(lines) {
    const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)[0].length));
    return lines.map((line) => line.slice(indent)).join('\n');
}
/** Failing rules first, then the unmeasured and the undecided, then the rest; else as written. */
const VERDICT_ORDER = {
    fail: 0,
    not_evaluated: 1,
    inconclusive: 2,
    pass: 3,
    skipped: 4
};
function thresholdsSection(results) {
    if (results.length === 0)
        return '';
    const shown = [...results]
        .sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict])
        .slice(0, MAX_THRESHOLD_ROWS);
    // The reason column only when a rule has one: an empty column is noise.
    const reasons = shown.some((result) => (result.reason ?? '') !== '');
    const rows = shown.map((result) => {
        const family = (0,metrics/* metricFamily */.Xb)(result.rule.metric);
        const interval = result.interval && result.actual !== null && result.interval.high !== result.interval.low
            ? ` (${formatValue(result.interval.low, family)}–${result.interval.high === null ? '∞' : formatValue(result.interval.high, family)})`
            : '';
        return tableRow([
            result.rule.isDefault
                ? `${tableCode(result.rule.text)} (default)`
                : tableCode(result.rule.text),
            formatValue(result.actual, family) + interval,
            markdownText(formatLimit(result)),
            VERDICT_CELLS[result.verdict],
            ...(reasons ? [markdownText(result.reason ?? '')] : [])
        ]);
    });
    return [
        '### Thresholds',
        '',
        tableRow(['Rule', 'Actual (interval)', 'Limit', 'Result', ...(reasons ? ['Reason'] : [])]),
        tableRow([':--', '--:', '--:', ':-:', ...(reasons ? [':--'] : [])]),
        ...rows,
        ...cutNote(shown.length, results.length, 'thresholds', 'failing first')
    ].join('\n');
}
function comparisonSection(report) {
    const lines = comparisonMarkdown(report, MAX_COMPARISON_ROWS, MAX_ERROR_CHARS);
    return lines.length === 0 ? '' : ['### Compared with the baseline', '', ...lines].join('\n');
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
    for (const endpoint of ordered.slice(0, MAX_ENDPOINT_ROWS)) {
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
        ...cutNote(rows.length, ordered.length, 'endpoints', 'failing first, then the busiest'),
        ...changingIdsNote(results.endpoints)
    ].join('\n');
}
function changingIdsNote(endpoints) {
    const group = changingIds(endpoints);
    return group === undefined ? [] : ['', `_${markdownWithCode(changingIdsAdvice(group), 600)}_`];
}
function endpointRow(stats, isTotal) {
    const failures = stats.failures > 0
        ? `${formatCount(stats.failures)} (${formatValue(failRatio(stats), 'ratio')})`
        : '0';
    const cells = [
        formatCount(stats.requests),
        failures,
        formatValue(stats.medianMs, 'time'),
        formatValue(percentileMs(stats, 95), 'time'),
        formatValue(percentileMs(stats, 99), 'time'),
        formatValue(stats.avgMs, 'time'),
        formatValue(stats.maxMs, 'time'),
        formatValue(stats.rps, 'rate')
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
        ...cutNote(shown.length, results.failures.length, 'distinct failures', 'most frequent first'),
        ...notKeptNote(results.failuresNotKept, 'distinct failures')
    ].join('\n');
}
function exceptionsSection(exceptions, notKept) {
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
        ...cutNote(shown.length, exceptions.length, 'exceptions', 'most frequent first'),
        ...notKeptNote(notKept, 'exceptions')
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
function linkText(link) {
    return markdownLink(link.value ?? link.url ?? '', link.url);
}
/**
 * Colours from Okabe and Ito's palette (told apart by colour-blind eyes), only those with a
 * contrast of at least 3:1, WCAG's minimum for graphics, on both GitHub backgrounds (#ffffff and
 * #0d1117): its orange, yellow, sky blue and black fail one of them.
 */
const COLOURS = {
    green: '#009E73',
    blue: '#0072B2',
    vermillion: '#D55E00',
    pink: '#CC79A7'
};
/** A run shorter than this gets one small chart: a few report periods make no curve worth more. */
const SHORT_RUN_SECONDS = 60;
/** Tall enough for eleven 14 px tick labels apart: at 260 px high they touched (seen rendered). */
const SMALL_CHART = { width: 640, height: 320 };
/**
 * Mermaid asks d3 for about ten ticks, so an axis shorter than this ticks at halves: an axis of
 * counts (users) ends here at least.
 */
const MIN_COUNT_AXIS = 10;
function line(name, colourName, values) {
    return { name, colour: COLOURS[colourName], colourName, values };
}
function charts(series) {
    return [
        {
            title: 'Users',
            axis: 'Users',
            family: 'count',
            lines: [line('users', 'green', series.users)],
            empty: 'No users ran.'
        },
        {
            title: 'Requests per second',
            axis: 'Requests/s',
            family: 'rate',
            lines: [line('requests', 'blue', series.requestsPerSecond)],
            empty: 'No requests were made.'
        },
        {
            title: 'Failed requests per second',
            axis: 'Failures/s',
            family: 'rate',
            lines: [line('failures', 'vermillion', series.failuresPerSecond)],
            empty: 'No request failed: no failures chart.'
        },
        responseTimeChart(series)
    ];
}
function responseTimeChart(series) {
    return {
        title: 'Response time in ms',
        axis: 'ms',
        family: 'time',
        lines: [
            line('p50', 'blue', series.p50),
            line('p95', 'pink', series.p95),
            line('p99', 'vermillion', series.p99)
        ],
        empty: 'No response times were recorded.'
    };
}
/** Failure metrics: a failing rule on one of them makes failures part of the verdict. */
const FAILURE_METRICS = new Set(['failures', 'fail_ratio', 'fail_rps']);
/**
 * What a short run's verdict rests on besides response times: users that never reached the count
 * asked for (an unfit run), or failures a rule failed on (an aborted run, often).
 */
function verdictCharts(report, span) {
    return {
        users: !report.facts.loadShape && span !== null && span.peakUsers < report.facts.users,
        failures: report.evaluation.results.some((result) => result.verdict === 'fail' && FAILURE_METRICS.has(result.rule.metric.kind))
    };
}
function chartsSection(results, report) {
    const rounds = report.rounds;
    const series = chartSeries(results, CHART_POINTS);
    if (series === null) {
        return '### Over time\n\n_No charts: the stats history holds fewer than two samples._';
    }
    const span = results.historySpan;
    const short = span !== null && span.lastTimestamp - span.first.timestamp < SHORT_RUN_SECONDS;
    const all = charts(series);
    const [users, , failures, responseTimes] = all;
    const behind = verdictCharts(report, span);
    if (behind.users) {
        users.title = `Users (${formatCount(report.facts.users)} requested)`;
        users.axisAtLeast = report.facts.users;
    }
    const shown = short
        ? [...(behind.users ? [users] : []), ...(behind.failures ? [failures] : []), responseTimes]
        : all;
    const blocks = shown.map((chart) => chartBlock(chart, series, short ? SMALL_CHART : undefined));
    const alsoShown = [...(behind.users ? ['users'] : []), ...(behind.failures ? ['failures'] : [])];
    const notes = short
        ? [
            `_A short run: response times${alsoShown.length > 0 ? ` and the ${alsoShown.join(' and ')} behind its verdict` : ' only'}, each point covering ${formatSeconds(series.intervalSeconds)}; runs of a minute or more get charts of users, requests and failures too._`
        ]
        : [
            `_Each point covers ${formatSeconds(series.intervalSeconds)} of the run; requests and failures per second are counted from Locust's cumulative totals._`
        ];
    if (rounds)
        notes.push(`_${ROUNDS_CHART_NOTES[rounds.design]}_`);
    if (series.gaps.length > 0) {
        const gaps = series.gaps
            .slice(0, 5)
            .map(([from, to]) => `${formatSeconds(from)} to ${formatSeconds(to)}`)
            .join(', ');
        notes.push(`_No samples from ${gaps}${series.gaps.length > 5 ? ', and more' : ''}: the lines join the samples on either side, and the requests there are averaged over the gap._`);
    }
    return ['### Over time', '', blocks.join('\n\n'), '', notes.join('\n\n')].join('\n');
}
function chartBlock(chart, series, size) {
    const lines = chart.lines
        .map((line) => ({
        ...line,
        values: line.values?.map((v) => machineValue(v, chart.family) ?? 0)
    }))
        .filter((line) => line.values !== undefined && line.values.some((v) => v > 0));
    if (lines.length === 0)
        return `_${chart.empty}_`;
    const legend = lines.length === 1
        ? ''
        : ` (${lines.map((line) => `${line.name} ${line.colourName}`).join(', ')})`;
    const palette = lines.map((line) => line.colour).join(', ');
    const sizing = size === undefined ? '' : `"xyChart": {"width": ${size.width}, "height": ${size.height}}, `;
    const top = niceCeiling(Math.max(chart.axisAtLeast ?? 0, ...lines.flatMap((line) => line.values)));
    return [
        '```mermaid',
        `%%{init: {${sizing}"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
        'xychart-beta',
        `  title "${mermaidText(chart.title + legend)}"`,
        `  x-axis "${mermaidText('Elapsed time (s)')}" ${axisNumber(series.fromSeconds)} --> ${axisNumber(series.toSeconds)}`,
        `  y-axis "${mermaidText(chart.axis)}" 0 --> ${chart.family === 'count' ? Math.max(MIN_COUNT_AXIS, top) : top}`,
        ...lines.map((line) => `  line [${line.values.join(', ')}]`),
        '```'
    ].join('\n');
}
function axisNumber(seconds) {
    return Number(seconds.toFixed(1));
}
/**
 * Mermaid labels the ticks d3 gives for an axis (about ten, at steps of 1, 2 or 5 × 10ⁿ). These
 * tops get at most eleven ticks, the top one labelled: a top of 3 would get sixteen (steps of
 * 0.2), whose labels run into each other on a small chart, and one of 2.5 none at its top.
 */
const NICE_FACTORS = [1, 1.6, 2, 3.5, 4, 5, 8, 10];
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
/** What the reader dropped beyond the most frequent records (results/failures.ts). */
function notKeptNote(notKept, what) {
    if (notKept === undefined)
        return [];
    return [
        '',
        `_${formatCount(notKept.records)} less frequent ${what} (${formatCount(notKept.occurrences)} occurrences) are not in this report or results.json, only in Locust's CSV: the ${formatCount(MAX_RECORDS_KEPT)} most frequent are kept._`
    ];
}
function cutNote(shown, total, what, order) {
    if (shown >= total)
        return [];
    return [
        '',
        `_Showing ${formatCount(shown)} of ${formatCount(total)} ${what} (${order}); all of them are in results.json._`
    ];
}

;// CONCATENATED MODULE: ./build/src/report/json.js



/**
 * Raised only when a field changes meaning or disappears; new fields keep the version. 2: rules
 * have three outcomes (a threshold's verdict may be "inconclusive") with their intervals, and
 * `sides` holds both sides of an A/B run. Version 1 files are still read as baselines.
 */
const RESULTS_SCHEMA_VERSION = 2;
/** At most this many history samples, on an even time grid over the whole run. */
const HISTORY_POINTS = 500;
function toResultsJson(report) {
    const results = report.results;
    return {
        schemaVersion: RESULTS_SCHEMA_VERSION,
        verdict: report.verdict,
        passed: report.outcome.passed,
        partial: report.partial,
        cancelled: report.verdict === 'cancelled',
        error: report.error ?? null,
        unfitReasons: report.unfitReasons ?? [],
        baselineNotComparable: report.baselineNotComparable ?? null,
        facts: factsJson(report.facts),
        totals: results ? endpointJson(results.aggregate) : null,
        endpoints: results ? results.endpoints.map(endpointJson) : [],
        thresholds: report.evaluation.results.map(thresholdJson),
        failures: results?.failures ?? [],
        failuresNotKept: results?.failuresNotKept ?? null,
        exceptions: results?.exceptions ?? [],
        exceptionsNotKept: results?.exceptionsNotKept ?? null,
        history: {
            rowsRead: results?.historyRowsRead ?? 0,
            points: results ? resampleHistory(results.history, HISTORY_POINTS) : []
        },
        missingFiles: results?.missingFiles ?? [],
        baseline: report.comparison ? baselineJson(report.comparison) : null,
        baselineNote: report.baselineNote ?? null,
        baselineHistory: report.baselineHistory ?? [],
        acceptedAsBaseline: report.acceptedAsBaseline === true,
        confidence: report.evaluation.confidence,
        sides: report.rounds?.baselinePooled
            ? {
                baseline: sideJson(report.rounds.baselinePooled),
                candidate: sideJson(report.rounds.candidatePooled)
            }
            : null,
        rounds: report.rounds ? roundsJson(report.rounds) : null
    };
}
function sideJson(side) {
    return { totals: endpointJson(side.aggregate), endpoints: side.endpoints.map(endpointJson) };
}
function roundsJson(rounds) {
    return {
        design: rounds.design,
        judged: rounds.candidate.length,
        skipped: rounds.skipped,
        warmupSeconds: rounds.warmupSeconds,
        roundSeconds: rounds.roundSeconds,
        order: rounds.order,
        hosts: { candidate: rounds.hosts.candidate, baseline: rounds.hosts.baseline ?? null }
    };
}
function intervalJson(interval, family) {
    if (!interval)
        return null;
    return { low: machineValue(interval.low, family), high: machineValue(interval.high, family) };
}
function baselineJson(comparison) {
    return {
        source: comparison.baselineSource,
        runId: comparison.baselineRunId ?? null,
        runUrl: comparison.baselineRunUrl ?? null,
        deltas: comparison.rows.map((row) => {
            const family = (0,metrics/* metricFamily */.Xb)(row.metric);
            return {
                endpoint: row.label,
                metric: (0,metrics/* metricName */.Kh)(row.metric),
                family,
                baseline: machineValue(row.baseline, family),
                current: machineValue(row.current, family),
                delta: machineValue(row.delta, family),
                deltaRatio: machineValue(row.deltaRatio, 'ratio'),
                ratioInterval: intervalJson(row.ratioInterval, 'ratio'),
                change: row.change
            };
        }),
        newEndpoints: comparison.newEndpoints,
        goneEndpoints: comparison.goneEndpoints
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
        percentiles: Object.fromEntries(stats.percentiles.map((p) => [`p${p.quantile}`, machineValue(p.ms, 'time')])),
        ...(stats.responseTimes ? { responseTimes: Object.fromEntries(stats.responseTimes) } : {}),
        ...(stats.windows ? { windows: stats.windows } : {})
    };
}
function thresholdJson(result) {
    const { rule } = result;
    const family = (0,metrics/* metricFamily */.Xb)(rule.metric);
    return {
        rule: rule.text,
        line: rule.line,
        default: rule.isDefault === true,
        selector: rule.selector ?? null,
        metric: (0,metrics/* metricName */.Kh)(rule.metric),
        family,
        operator: rule.operator,
        limit: machineValue(result.limit, family),
        bound: rule.baseline ?? null,
        baseline: machineValue(result.baselineValue, family),
        actual: machineValue(result.actual, family),
        interval: intervalJson(result.interval, family),
        baselineInterval: intervalJson(result.baselineInterval, family),
        ratio: result.ratio
            ? {
                value: machineValue(result.ratio.value, 'ratio'),
                ...intervalJson(result.ratio, 'ratio')
            }
            : null,
        baselineRuns: result.baselineRuns ?? 0,
        rounds: result.rounds ?? 0,
        method: result.method ?? null,
        verdict: result.verdict,
        reason: result.reason ?? null
    };
}
function factsJson(facts) {
    const json = { ...facts };
    delete json.backendLabel;
    return json;
}

;// CONCATENATED MODULE: ./build/src/report/outputs.js
/**
 * The action's outputs, all built here from the report and where it was written. The figures are
 * the rounded ones of results.json (./format.ts), so an output always equals the matching field
 * there.
 */



/** Every output action.yml declares, by name; '' for what is not known. */
function actionOutputs(report, location) {
    return {
        verdict: report.verdict,
        ...resultOutputs(report),
        'results-dir': location.resultsDir,
        'summary-path': location.summaryPath,
        'results-json': location.resultsJsonPath
    };
}
/**
 * The outputs that describe the result: passed ("true"/"false"), skipped (baseline rules without a
 * baseline), requests, failures, fail-ratio (a fraction), rps, p50, p95, p99 (milliseconds),
 * cost-usd (aws backend), and the deltas against the baseline.
 */
function resultOutputs(report) {
    const total = report.results?.aggregate;
    const percentile = (quantile) => (total ? percentileMs(total, quantile) : null);
    return {
        passed: String(report.outcome.passed),
        skipped: String(report.evaluation.results.filter((result) => result.verdict === 'skipped').length),
        requests: outputValue(total?.requests, 'count'),
        failures: outputValue(total?.failures, 'count'),
        'fail-ratio': outputValue(total ? failRatio(total) : null, 'ratio'),
        rps: outputValue(total?.rps, 'rate'),
        p50: outputValue(percentile(50) ?? total?.medianMs, 'time'),
        p95: outputValue(percentile(95), 'time'),
        p99: outputValue(percentile(99), 'time'),
        'cost-usd': report.facts.cost?.usd === undefined ? '' : report.facts.cost.usd.toFixed(4),
        ...baselineOutputs(report.comparison)
    };
}
/**
 * The main deltas against the baseline: baseline-run-id, p95-delta (ms), p95-change, rps-change
 * (ratios, 0.3 = 30 % more) and fail-ratio-delta (a fraction); '' without a comparison.
 */
function baselineOutputs(comparison) {
    const row = (metric) => (comparison ? aggregateRow(comparison, metric) : undefined);
    const p95 = row({ kind: 'percentile', quantile: 95 });
    return {
        'baseline-run-id': comparison?.baselineRunId ?? '',
        'p95-delta': outputValue(p95?.delta, 'time'),
        'p95-change': outputValue(p95?.deltaRatio, 'ratio'),
        'rps-change': outputValue(row({ kind: 'rps' })?.deltaRatio, 'ratio'),
        'fail-ratio-delta': outputValue(row({ kind: 'fail_ratio' })?.delta, 'ratio')
    };
}

;// CONCATENATED MODULE: ./build/src/report/outcome.js
/**
 * The outcome contract (docs/outcomes.md): for each verdict of a run, what the step, the CLI's
 * exit code and the action's `passed` output make of it under the user's policy. Pure; the one
 * place the action and the CLI turn a verdict into success or failure.
 */
/**
 * The verdict of a whole run, from the most severe down; a run has exactly one:
 * - cancelled: stopped by SIGINT/SIGTERM or a cancelled workflow; partial results are reported;
 * - error: the test could not run, or not to the end, for another reason;
 * - invalid: the test ran but is unfit to judge (e.g. users never reached the requested count);
 * - failed: at least one rule is breached (at the chosen confidence, for a baseline rule), or an
 *   abort rule ended the run early ("fail_ratio < 5% abort after 30s"; docs/live.md);
 * - inconclusive: no rule is breached, but the data cannot decide at least one of them;
 * - passed: every rule holds (skipped rules do not count against it).
 */
const VERDICTS = (/* unused pure expression or super */ null && ([
    'cancelled',
    'error',
    'invalid',
    'failed',
    'inconclusive',
    'passed'
]));
const DEFAULT_POLICY = {
    failOnThreshold: true,
    onInconclusive: 'pass',
    onInvalid: 'fail'
};
/** The policy the inputs give, each one left out taking its default. */
function policyOf(given) {
    return {
        failOnThreshold: given.failOnThreshold ?? DEFAULT_POLICY.failOnThreshold,
        onInconclusive: given.onInconclusive ?? DEFAULT_POLICY.onInconclusive,
        onInvalid: given.onInvalid ?? DEFAULT_POLICY.onInvalid
    };
}
/** The CLI's exit codes: 0 when the step would succeed, one code per verdict otherwise. */
const EXIT_CODES = {
    passed: 0,
    failed: 1,
    error: 2,
    invalid: 3,
    inconclusive: 4,
    cancelled: 130
};
/** What a verdict means for the step under a policy. */
function stepOutcome(verdict, policy = DEFAULT_POLICY) {
    const failing = (fails, passed = false) => ({
        fails,
        warns: !fails,
        exitCode: fails ? EXIT_CODES[verdict] : 0,
        passed
    });
    switch (verdict) {
        case 'passed':
            return { fails: false, warns: false, exitCode: 0, passed: true };
        case 'inconclusive':
            return failing(policy.onInconclusive === 'fail', policy.onInconclusive === 'pass');
        case 'failed':
            return failing(policy.failOnThreshold);
        case 'invalid':
            return failing(policy.onInvalid === 'fail');
        case 'error':
        case 'cancelled':
            return failing(true);
    }
}
/**
 * The verdict of a run from what is known of it, most severe first. An abort rule ends the run
 * early on purpose, so an aborted run is failed, never unfit to judge.
 */
function verdictOf(facts) {
    if (facts.cancelled)
        return 'cancelled';
    if (facts.error)
        return 'error';
    if (facts.aborted === true)
        return 'failed';
    if (facts.invalid)
        return 'invalid';
    if (facts.anyRuleFailed)
        return 'failed';
    if (facts.anyRuleInconclusive)
        return 'inconclusive';
    return 'passed';
}

;// CONCATENATED MODULE: ./build/src/results/rounds.js
/**
 * `rounds.json` and the round folders beside it (issue 19): a run of several rounds (`rounds: N`),
 * of interleaved rounds against a baseline host, or a duet. The layout (written by the engine):
 *
 *   rounds.json  { version: 1, design, warmupSeconds, roundSeconds, order,
 *                  rounds: [{ index, side, host, startedAt, endedAt, folder, complete }] }
 *   <folder>/histograms.json  that round's measured window only (after warm-up); each endpoint
 *                             and the aggregate also carry numRequests and numFailures.
 *
 * Incomplete rounds (a cancel) and rounds whose folder cannot be read are not judged: they are
 * listed with the reason. A folder outside the results folder is refused (a hostile file).
 */




const ROUNDS_FILE = 'rounds.json';
const DESIGNS = ['repeated', 'interleaved', 'duet'];
/**
 * Reads `rounds.json` and every complete round's histograms in `resultsDir`; undefined when the
 * folder has no rounds.json (a run of one round), `{ problem }` when it cannot be read.
 */
async function readRounds(resultsDir) {
    let text;
    try {
        text = await (0,promises_.readFile)((0,external_node_path_.resolve)(resultsDir, ROUNDS_FILE), 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        return { problem: `${ROUNDS_FILE} cannot be read: ${error.message}` };
    }
    const parsed = parseRoundsJson(text);
    if ('problem' in parsed)
        return parsed;
    const rounds = [];
    const skipped = [];
    for (const entry of parsed.entries) {
        const read = entry.complete
            ? await readRound(resultsDir, entry)
            : { reason: 'incomplete (the run was stopped during it)' };
        if ('reason' in read)
            skipped.push({ index: entry.index, side: entry.side, reason: read.reason });
        else
            rounds.push(read);
    }
    rounds.sort((a, b) => a.index - b.index || a.side.localeCompare(b.side));
    return { ...parsed.run, rounds, skipped };
}
async function readRound(resultsDir, entry) {
    const folder = (0,external_node_path_.resolve)(resultsDir, entry.folder);
    const inside = (0,external_node_path_.relative)((0,external_node_path_.resolve)(resultsDir), folder);
    if (inside === '' || inside.startsWith('..') || (0,external_node_path_.isAbsolute)(inside)) {
        return { reason: `its folder "${entry.folder}" is outside the results folder` };
    }
    let text;
    try {
        text = await (0,promises_.readFile)((0,external_node_path_.resolve)(folder, HISTOGRAMS_FILE), 'utf8');
    }
    catch (error) {
        return {
            reason: `${entry.folder}/${HISTOGRAMS_FILE} cannot be read (${error.message})`
        };
    }
    const round = parseRoundHistograms(text);
    if ('problem' in round)
        return { reason: `${entry.folder}: ${round.problem}` };
    return {
        index: entry.index,
        side: entry.side,
        host: entry.host,
        seconds: entry.seconds,
        ...round
    };
}
/** A round's histograms.json with its counts; pure. */
function parseRoundHistograms(text) {
    const histograms = parseHistograms(text);
    if ('problem' in histograms)
        return histograms;
    const json = JSON.parse(text);
    const endpointOf = (entry) => {
        const method = entry.method;
        const name = entry.name;
        const histogram = histograms.get((0,model/* endpointLabel */.m)({ method, name })) ?? [];
        const counted = histogram.reduce((sum, [, count]) => sum + count, 0);
        const numRequests = entry.numRequests ?? counted;
        const numFailures = entry.numFailures ?? 0;
        if (!isCount(numRequests) || !isCount(numFailures) || numFailures > numRequests) {
            return `${name} has no valid numRequests and numFailures`;
        }
        return { method, name, histogram, numRequests, numFailures };
    };
    const endpoints = [];
    for (const entry of json.endpoints) {
        const endpoint = endpointOf(entry);
        if (typeof endpoint === 'string')
            return { problem: `${HISTOGRAMS_FILE}: ${endpoint}` };
        endpoints.push(endpoint);
    }
    const aggregate = endpointOf(json.aggregate);
    if (typeof aggregate === 'string')
        return { problem: `${HISTOGRAMS_FILE}: ${aggregate}` };
    return { endpoints, aggregate };
}
/** rounds.json's run and round entries; pure. */
function parseRoundsJson(text) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (error) {
        return { problem: `${ROUNDS_FILE} is not valid JSON (${error.message})` };
    }
    if (!rounds_isObject(json) || json.version !== 1 || !Array.isArray(json.rounds)) {
        return { problem: `${ROUNDS_FILE} is not version 1 with a list of rounds` };
    }
    const design = json.design;
    if (!DESIGNS.includes(design)) {
        return { problem: `${ROUNDS_FILE}: design must be one of ${DESIGNS.join(', ')}` };
    }
    const entries = [];
    for (const round of json.rounds) {
        const entry = entryOf(round);
        if (typeof entry === 'string')
            return { problem: `${ROUNDS_FILE}: ${entry}` };
        if (design === 'repeated' && entry.side === 'baseline') {
            return {
                problem: `${ROUNDS_FILE}: a repeated design has no baseline side (round ${entry.index})`
            };
        }
        entries.push(entry);
    }
    return {
        run: {
            design,
            warmupSeconds: isCount(json.warmupSeconds) ? json.warmupSeconds : 0,
            roundSeconds: typeof json.roundSeconds === 'number' ? json.roundSeconds : 0,
            order: typeof json.order === 'string' ? json.order : ''
        },
        entries
    };
}
function entryOf(round) {
    if (!rounds_isObject(round))
        return 'a round that is not an object';
    const { index, side, host, folder, complete } = round;
    if (!isCount(index))
        return 'a round without an integer index';
    if (side !== 'candidate' && side !== 'baseline')
        return `round ${index}: side must be candidate or baseline`;
    if (typeof folder !== 'string' || folder === '')
        return `round ${index}: no folder`;
    const started = Date.parse(String(round.startedAt));
    const ended = Date.parse(String(round.endedAt));
    return {
        index,
        side,
        host: typeof host === 'string' ? host : '',
        seconds: Number.isFinite(started) && ended > started ? (ended - started) / 1000 : 0,
        folder,
        complete: complete === true
    };
}
function isCount(value) {
    return Number.isSafeInteger(value) && value >= 0;
}
function rounds_isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./build/src/engine.js



















/** After a forced stop: how long the backend may still take to stop Locust on its own. */
const FORCED_STOP_GRACE_MS = 3_000;
/**
 * One run, the same for the action and the CLI: the backend prepares (a PreflightError when the
 * run cannot go ahead; nothing is started then), runs (always ending in an outcome), and the
 * outcome is judged and written as a report.
 */
async function executeRun(config, hooks, context = {}) {
    const backend = backendFor(config.backend.kind);
    // A run that starts Locust must not find an earlier run's results where it writes its own.
    if (backend.runsLocustfile)
        await refuseEarlierResults(config.resultsDir);
    const handles = [];
    const backendHooks = {
        signal: hooks.signal,
        onProgress: hooks.onProgress,
        log: hooks.log,
        warn: hooks.warn,
        onStarted: (handle) => {
            handles.push(handle);
            hooks.onStarted?.({ backend: backend.kind, handle });
        }
    };
    const prepared = await backend.prepare(config, backendHooks);
    const startedAt = backend.runsLocustfile ? new Date() : undefined;
    const run = backend.run(prepared, backendHooks);
    const forced = hooks.forceStop?.then(() => Promise.race([run, (0,external_node_timers_promises_namespaceObject.setTimeout)(FORCED_STOP_GRACE_MS, undefined, { ref: false })]));
    let outcome = await Promise.race(forced ? [run, forced] : [run]);
    if (outcome === undefined) {
        await backend.cleanup(handles, hooks.log ?? (() => { }));
        outcome = {
            error: 'The run was interrupted twice, so Locust was stopped at once; the results cover only ' +
                'what it had written by then.',
            partial: true,
            facts: { endedAt: new Date().toISOString() }
        };
    }
    outcome = withoutSecrets(outcome, config);
    hooks.onBackendDone?.(outcome);
    return judgeRun(config, outcome, {
        ...context,
        startedAt,
        cancelled: hooks.signal?.aborted === true
    });
}
/**
 * Judges a run as planned by `config`, from what its backend left in the results folder. The
 * outcome and the folder's files lose the host's credentials first (they are published as an
 * artifact).
 */
async function concludeRun(config, outcome, context = {}) {
    return judgeRun(config, withoutSecrets(outcome, config), context);
}
/** concludeRun for an outcome that has lost the host's credentials already. */
async function judgeRun(config, outcome, context) {
    const { resultsDir } = config;
    // It existed when the run started (inputs create it): gone now, everything in it is lost.
    const deleted = await (0,promises_.stat)(resultsDir).then(() => undefined, () => `The results folder ${resultsDir} was deleted while the test ran, so Locust's CSVs, report and logs are lost; make sure no other step or program removes \`results-dir\` during the run.`);
    await scrubFolder(resultsDir, runSecrets(config));
    return judgeResults({
        thresholds: config.thresholds,
        facts: { ...plannedFacts(config), ...context.facts },
        baseline: context.baseline,
        resultsDir,
        notBefore: context.startedAt,
        cancelled: context.cancelled,
        acceptAsBaseline: context.acceptAsBaseline,
        confidence: config.confidence,
        policy: policyOf(config)
    }, deleted === undefined ? outcome : { ...outcome, error: deleted, partial: false });
}
/** The rounds of a run with rounds.json (issue 19), or why they cannot be judged. */
async function roundsOf(resultsDir) {
    const read = await readRounds(resultsDir);
    if (read === undefined)
        return {};
    if ('problem' in read) {
        return { roundsNote: `${read.problem}; the run is judged as one round.` };
    }
    const rounds = (0,round_figures/* roundsFigures */.hc)(read);
    if (rounds === null) {
        return { roundsNote: 'No round in rounds.json is complete; the run is judged as one round.' };
    }
    return { rounds };
}
/** The baseline side of a paired run as the baseline its rules and comparison read. */
function sideAsBaseline(rounds) {
    return {
        source: `the baseline side of this run (${rounds.hosts.baseline ?? 'baseline host'})`,
        aggregate: rounds.baselinePooled.aggregate,
        endpoints: rounds.baselinePooled.endpoints
    };
}
/**
 * Turns Locust's CSVs (left by a backend, or written elsewhere) into the verdict: reads them,
 * evaluates the thresholds against them and the baseline, and writes summary.md and results.json.
 * Whatever Locust wrote is reported, also when the run failed or was cut short.
 */
async function judgeResults(judgement, outcome) {
    const { resultsDir } = judgement;
    let results;
    let readError;
    try {
        results = await readLocustResults(resultsDir, {
            prefix: outcome.csvPrefix ?? CSV_PREFIX,
            notBefore: judgement.notBefore
        });
    }
    catch (error) {
        readError = `No readable Locust results in ${resultsDir}: ${error.message}`;
    }
    const { rounds, roundsNote } = await roundsOf(resultsDir);
    // A run of rounds is judged on its candidate side pooled over the rounds.
    if (rounds && results) {
        const { aggregate, endpoints } = rounds.candidatePooled;
        results = { ...results, aggregate, endpoints };
    }
    // A paired run (interleaved, duet) measured its baseline itself: no stored one is needed.
    const found = rounds?.baselinePooled
        ? { baseline: sideAsBaseline(rounds) }
        : judgement.baseline && 'baseline' in judgement.baseline
            ? judgement.baseline
            : undefined;
    const baseline = found?.baseline;
    const history = found?.history ?? (baseline ? [baseline] : []);
    const signals = logSignals(await readLocustLogs(resultsDir));
    const facts = {
        ...judgement.facts,
        ...outcome.facts,
        ...(signals.cpuWarnings.length > 0 ? { cpuWarnings: signals.cpuWarnings } : {})
    };
    const error = outcome.error ?? readError;
    const cancelled = judgement.cancelled === true;
    // An error, a cancel or an abort has its own verdict: only a run that went to its end is checked.
    const unfit = cancelled || error !== undefined || facts.aborted !== undefined
        ? []
        : unfitReasons({ facts, results, signals, rounds: rounds !== undefined });
    const changes = baseline ? conditionChanges(facts, baseline.conditions ?? {}) : [];
    const notComparable = changes.length === 0
        ? undefined
        : `The baseline was measured under other conditions (${changes.join('; ')}), so it cannot decide its rules.`;
    // Judged against the whole history, so that the spread between its runs is part of every
    // interval; runs measured under other conditions than this one are left out of it. When the
    // newest is one of them, its rules are undecided whatever the figures say.
    const judged = comparableRuns(history, facts, notComparable !== undefined);
    let evaluation = (0,evaluate/* evaluateThresholds */.S$)(judgement.thresholds, results, judged ?? [], {
        confidence: judgement.confidence,
        ...(rounds ? { rounds } : {})
    });
    if (notComparable !== undefined)
        evaluation = withBaselineUndecided(evaluation, notComparable);
    if (facts.aborted !== undefined)
        evaluation = (0,abort/* withAbort */.zr)(evaluation, facts.aborted);
    const verdict = verdictOf({
        cancelled,
        error: error !== undefined,
        aborted: facts.aborted !== undefined,
        invalid: unfit.length > 0,
        anyRuleFailed: !evaluation.passed,
        anyRuleInconclusive: evaluation.inconclusive
    });
    const report = {
        verdict,
        outcome: stepOutcome(verdict, judgement.policy ?? DEFAULT_POLICY),
        facts,
        results,
        evaluation,
        error,
        unfitReasons: unfit,
        ...(notComparable === undefined ? {} : { baselineNotComparable: notComparable }),
        partial: outcome.partial,
        ...(judgement.acceptAsBaseline === true && mayBeAccepted(verdict)
            ? { acceptedAsBaseline: true }
            : {}),
        ...(history.length > 0 ? { baselineHistory: history.map(historyEntry) } : {}),
        ...(judged && results
            ? { comparison: compareWithBaseline(results, judged, evaluation.confidence, rounds) }
            : {}),
        ...(judgement.baseline && 'note' in judgement.baseline && !rounds?.baselinePooled
            ? { baselineNote: judgement.baseline.note }
            : {}),
        ...(rounds ? { rounds } : {}),
        ...(roundsNote === undefined ? {} : { roundsNote })
    };
    const reportDir = judgement.reportDir ?? resultsDir;
    await (0,promises_.mkdir)(reportDir, { recursive: true });
    const markdown = renderMarkdown(report);
    const paths = reportPaths(reportDir);
    await (0,write_file/* writeFileAtomically */.l)(paths.summary, markdown);
    await (0,write_file/* writeFileAtomically */.l)(paths.resultsJson, `${JSON.stringify(toResultsJson(report), null, 2)}\n`);
    return {
        report,
        markdown,
        summaryPath: paths.summary,
        resultsJsonPath: paths.resultsJson,
        outputs: actionOutputs(report, {
            resultsDir,
            summaryPath: paths.summary,
            resultsJsonPath: paths.resultsJson
        })
    };
}
/** The runs to judge against, newest first; undefined without a baseline. */
function comparableRuns(history, facts, newestNotComparable) {
    const [newest, ...rest] = history;
    if (newest === undefined)
        return undefined;
    if (newestNotComparable)
        return [newest, ...rest];
    return [
        newest,
        ...rest.filter((run) => conditionChanges(facts, run.conditions ?? {}).length === 0)
    ];
}
/** What is known of a run before it starts: the plan. */
function plannedFacts(config) {
    const backend = backendFor(config.backend.kind);
    return {
        backend: backend.kind,
        backendLabel: backend.label,
        ...(backend.runsLocustfile ? {} : { locustRanElsewhere: true }),
        host: config.host === undefined ? undefined : (0,run_host/* redactHost */.S7)(config.host),
        users: config.users,
        spawnRate: config.spawnRate,
        workers: config.workers,
        runTimeSeconds: config.runTimeSeconds
    };
}
function historyEntry(baseline) {
    return {
        source: baseline.source,
        ...(baseline.runId === undefined ? {} : { runId: baseline.runId }),
        ...(baseline.runUrl === undefined ? {} : { runUrl: baseline.runUrl })
    };
}
/** Locust's logs in the results folder (master.log, worker-N.log), whichever backend wrote them. */
async function readLocustLogs(folder) {
    const names = await (0,promises_.readdir)(folder).catch(() => []);
    const logs = names.filter((name) => name === 'master.log' || /^worker-\d+\.log$/.test(name));
    return Promise.all(logs.map(async (name) => ({ name, text: await (0,promises_.readFile)((0,external_node_path_.join)(folder, name), 'utf8') })));
}
/** The credentials in the run's URLs: the host's and the baseline host's (rounds). */
function runSecrets(config) {
    return [...(0,run_host/* hostSecrets */.YR)(config.host), ...(0,run_host/* hostSecrets */.YR)(config.rounds?.baselineHost)];
}
/** The outcome with the host's credentials taken out of its error text. */
function withoutSecrets(outcome, config) {
    if (outcome.error === undefined)
        return outcome;
    return { ...outcome, error: (0,run_host/* scrubSecrets */.Zg)(outcome.error, runSecrets(config)) };
}
/**
 * Locust writes the host into report.html and may quote it in logs and CSVs: the results folder
 * is published as an artifact, so its files lose the host's credentials too.
 */
async function scrubFolder(folder, secrets) {
    if (secrets.length === 0)
        return;
    const entries = await (0,promises_.readdir)(folder, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
        if (!entry.isFile())
            continue;
        const path = (0,external_node_path_.join)(entry.parentPath, entry.name);
        const text = await (0,promises_.readFile)(path, 'utf8');
        const scrubbed = (0,run_host/* scrubSecrets */.Zg)(text, secrets);
        if (scrubbed !== text)
            await (0,promises_.writeFile)(path, scrubbed);
    }
}

;// CONCATENATED MODULE: ./build/src/inputs/model.js

class InputError extends errors/* DistributedLocustError */.O {
    problems;
    constructor(problems) {
        super(problems.map((p) => p.message).join('\n'));
        this.problems = problems;
    }
}

;// CONCATENATED MODULE: ./build/src/inputs/spec.js
/**
 * Every input of the action and the CLI, in one place: its name (as in action.yml), type, bounds or
 * choices, default, description and CLI flag. The readers of src/inputs/read.ts check a value
 * against its entry (parse.ts adds only what one entry cannot say: checks across inputs, files);
 * `npx tsx scripts/action-docs.ts` writes action.yml's inputs and the README's table from here,
 * and the CLI builds its flags and help from here. Adding an input is one entry here (see
 * CONTRIBUTING.md, "Adding an input").
 */
const INPUTS = [
    {
        name: 'backend',
        default: 'local',
        description: "Where Locust runs. `local` starts the master and workers as processes on the runner; `aws` runs them as Fargate tasks through the deployed stack's state machine; `none` runs nothing and judges the Locust CSVs already in `results-dir` (Locust 1.1 or later, run anywhere).",
        type: 'text',
        cli: {
            flags: '--backend <name>',
            help: 'where Locust runs: local, aws, or none (judge the CSVs already in --out)'
        }
    },
    {
        name: 'locustfile',
        default: 'locustfile.py',
        description: 'Path of the locustfile, relative to `working-directory`.',
        type: 'path',
        cli: { flags: '-f, --locustfile <path>', help: 'the Locust test' }
    },
    {
        name: 'data',
        default: '',
        description: 'Extra files or folders the test needs (test data, helper modules), one per line or comma-separated, relative to `working-directory`. They are shipped with the locustfile.',
        type: 'list',
        cli: {
            flags: '--data <path>',
            help: 'an extra file or folder the test needs (shipped to remote workers); repeat for more',
            repeatable: true
        }
    },
    {
        name: 'host',
        default: '',
        description: "Base URL of the system under test, e.g. `https://staging.example.com`. Empty uses the locustfile's own `host`.",
        type: 'text',
        cli: { flags: '-H, --host <url>', help: 'base URL of the system under test' }
    },
    {
        name: 'wait-for-host',
        default: '30',
        description: 'Local backend: how many seconds to keep retrying until `host` accepts TCP connections before Locust starts, for a service started in the background just before (`run: my-server &`). Each wait is logged; `0` tries once.',
        type: 'integer',
        min: 0,
        max: 3600,
        backend: 'local',
        cli: {
            flags: '--wait-for-host <seconds>',
            help: 'retry the host this long until it accepts connections'
        }
    },
    {
        name: 'users',
        default: '10',
        description: 'Peak number of concurrent users.',
        type: 'integer',
        min: 1,
        max: 1_000_000,
        cli: { flags: '-u, --users <n>', help: 'peak number of concurrent users' }
    },
    {
        name: 'spawn-rate',
        default: '',
        description: 'Users started per second. Defaults to `users` (at most 100).',
        type: 'number',
        above: 0,
        max: 100_000,
        cli: {
            flags: '-r, --spawn-rate <n>',
            help: 'users started per second',
            defaultNote: 'users, at most 100'
        }
    },
    {
        name: 'run-time',
        default: '1m',
        description: "How long the test runs, in Locust's form (`90s`, `5m`, `1h30m`).",
        type: 'duration',
        cli: { flags: '-t, --run-time <time>', help: 'test duration in Locust form: 90s, 5m, 1h30m' }
    },
    {
        name: 'workers',
        default: '1',
        description: 'Number of Locust worker processes (local) or Fargate worker tasks (aws), 1 to 200.',
        type: 'integer',
        min: 1,
        max: 200,
        cli: {
            flags: '-w, --workers <n>',
            help: 'Locust workers: processes (local) or Fargate tasks (aws)'
        }
    },
    {
        name: 'locust-args',
        default: '',
        description: 'Extra Locust flags, quoted as in a shell (e.g. `--stop-timeout 10 --tags "checkout"`). Flags the action sets itself (users, host, CSV, master/worker…) are refused.',
        type: 'text',
        cli: { flags: '--locust-args <args>', help: 'extra Locust flags, quoted as in a shell' }
    },
    {
        name: 'rounds',
        default: '1',
        description: 'Measure in this many rounds, the workers staying up between them: without `baseline-host` every round loads `host` (they are pooled); with it, each round loads both sides (`mode`). See docs/rounds.md.',
        type: 'integer',
        min: 1,
        max: 100,
        cli: { flags: '--rounds <n>', help: 'measure in this many rounds (see docs/rounds.md)' }
    },
    {
        name: 'warmup',
        default: '0s',
        description: "The start of each round left out of the statistics (Locust's stats are reset after it), in Locust's form (`10s`). Each round then lasts `warmup` plus `run-time`.",
        type: 'duration',
        min: 0,
        cli: { flags: '--warmup <time>', help: 'left out of the statistics at the start of each round' }
    },
    {
        name: 'baseline-host',
        default: '',
        description: "Base URL of the baseline side (e.g. the base branch's build on another port), measured in the same job as `host` (the candidate): see `mode` and docs/rounds.md.",
        type: 'text',
        cli: { flags: '--baseline-host <url>', help: 'the baseline side, measured beside --host' }
    },
    {
        name: 'mode',
        default: 'interleaved',
        description: '`interleaved`: each round runs the baseline and the candidate one after the other, in random order. `duet`: two Locust masters load both at once, each with half the users and workers (`workers` even; on AWS one execution per side, same task size). `calibrate`: A/A rounds on `host` alone (default 5) measuring the noise band (docs/thresholds.md#calibrate).',
        type: 'choice',
        choices: ['interleaved', 'duet', 'calibrate'],
        cli: { flags: '--mode <mode>', help: 'interleaved, duet or calibrate' }
    },
    {
        name: 'thresholds',
        default: '',
        description: 'Pass/fail rules, one per line, `#` comments allowed. Examples:\n`p95 < 500ms`, `fail_ratio < 1%`, `rps >= 100`, `"GET /api/items": p99 < 800ms`, `/health: max < 50ms`.',
        type: 'rules',
        cli: {
            flags: '--threshold <rule>',
            help: 'a pass/fail rule such as "p95 < 500ms"; repeat for more',
            repeatable: true
        }
    },
    {
        name: 'thresholds-file',
        default: '',
        description: 'A file of threshold rules (same language as `thresholds`), relative to `working-directory`; its rules are added to `thresholds`.',
        type: 'path',
        cli: { flags: '--thresholds-file <path>', help: 'a file of rules, one per line (# comments)' }
    },
    {
        name: 'fail-on-threshold',
        default: 'true',
        description: 'Fail the step when a threshold is breached. With `false`, the verdict is still reported in outputs and the summary.',
        type: 'boolean'
    },
    {
        name: 'confidence',
        default: '0.95',
        description: 'How sure a baseline rule must be before it fails or passes (one-sided, from 0.5 to 0.999); between the two it is inconclusive. See docs/thresholds.md.',
        type: 'number',
        min: 0.5,
        max: 0.999,
        cli: { flags: '--confidence <c>', help: "confidence of a baseline rule's verdict (0.5–0.999)" }
    },
    {
        name: 'on-inconclusive',
        default: 'pass',
        description: 'What an inconclusive verdict (a baseline rule the data cannot decide) does to the step: `pass` with a warning, or `fail`.',
        type: 'choice',
        choices: ['pass', 'fail'],
        cli: {
            flags: '--on-inconclusive <pass|fail>',
            help: 'pass (with a warning) or fail when undecided'
        }
    },
    {
        name: 'on-invalid',
        default: 'fail',
        description: 'What a run unfit to judge (verdict `invalid`: Locust warned its CPU was saturated, fewer workers joined than asked, users never reached the requested count, the test stopped early) does to the step: `fail`, or `pass` with a warning. Such a run never becomes a baseline.',
        type: 'choice',
        choices: ['fail', 'pass'],
        cli: {
            flags: '--on-invalid <fail|pass>',
            help: 'what a run unfit to judge does: fail (exit 3) or pass with a warning'
        }
    },
    {
        name: 'timeout-minutes',
        default: '',
        description: 'Hard limit for the whole run, in minutes; everything started is stopped when it passes. Defaults to the run time plus 10 minutes.',
        type: 'number',
        above: 0,
        // GitHub's cap on a job's `timeout-minutes`.
        max: 24 * 60,
        cli: {
            flags: '--timeout-minutes <n>',
            help: 'stop everything after this long',
            defaultNote: 'run time + 10'
        }
    },
    {
        name: 'working-directory',
        default: '.',
        description: 'Folder that relative paths are resolved against.',
        type: 'path'
    },
    {
        name: 'results-dir',
        default: 'locust-results',
        description: "Folder that receives Locust's CSVs, the HTML report, `summary.md` and `results.json`, relative to `working-directory`. With `backend: none`, the folder that already holds the CSVs.",
        type: 'path',
        cli: {
            flags: '-o, --out <dir>',
            help: 'results folder',
            defaultNote: './locust-results/<timestamp>'
        }
    },
    {
        name: 'baseline',
        default: '',
        description: "What baseline rules (`p95 < baseline * 1.1`) compare with: a previous `results.json` or its folder, relative to `working-directory` (refused when nothing is there); or `auto`: the latest valid runs of the base branch (their `artifact-name` artifacts; on aws, the stack's bucket), and while there are none yet, baseline rules are skipped (the `skipped` output counts them). Empty: no baseline.",
        type: 'text',
        cli: {
            flags: '--baseline <path>',
            help: 'a previous results.json (or its folder) for rules such as "p95 < baseline * 1.1"'
        }
    },
    {
        name: 'baseline-history',
        default: '5',
        description: 'With `baseline: auto`, how many of the latest valid runs of the base branch (passed or inconclusive; never failed, cancelled or invalid) are kept and judged against, 1 to 20. See docs/baselines.md.',
        type: 'integer',
        // MAX_HISTORY_SIZE in src/baseline/history.ts: each run of the history is fetched before a run.
        min: 1,
        max: 20
    },
    {
        name: 'accept-baseline',
        default: 'false',
        description: 'Accept this run as the new baseline after an intended change: baseline rules are skipped, and unless the run errored, was cancelled or is invalid, the history starts again from it. Meant for a `workflow_dispatch` run on the base branch (docs/baselines.md).',
        type: 'boolean'
    },
    {
        name: 'artifact-name',
        default: 'locust-results',
        description: 'Name of the artifact the results folder is uploaded as (CSVs, HTML report, logs, `results.json`, `summary.md`), also when thresholds fail or the run errors. Empty turns the upload off. Give each job of a matrix its own name.',
        type: 'text'
    },
    {
        name: 'comment-on-pr',
        default: 'auto',
        description: 'Keep one comment on the pull request with the verdict, the failed rules and the comparison with the baseline, updated on re-runs: `auto` (on `pull_request` events), `always` (whenever the event has a pull request) or `never`. Needs `permissions: pull-requests: write`; without it (or from a fork) it is a warning, not a failure.',
        type: 'choice',
        choices: ['auto', 'always', 'never']
    },
    {
        name: 'github-token',
        default: '${{ github.token }}',
        description: 'Token for the PR comment and for finding the baseline artifact (`actions: read`).',
        type: 'text'
    },
    {
        name: 'test-name',
        default: 'Load test',
        description: 'Name of this load test in the PR comment; jobs with different names keep separate comments.',
        type: 'text'
    },
    {
        name: 'locust-version',
        default: '',
        description: "Local backend: the Locust version to run (e.g. `2.32.1`). When the runner has no `locust`, it is installed with pip into a virtualenv under the runner's temp folder and cached in the tool cache; without this input that is version 2.43.3, the AWS container image's. When the runner's own Locust is another version, it runs and the log and summary warn.",
        type: 'text',
        backend: 'local',
        cli: {
            flags: '--locust-version <version>',
            help: 'install this Locust with pip into a virtualenv when none is installed'
        }
    },
    {
        name: 'pass-env',
        default: '',
        description: 'Local backend: environment variables Locust may read, by name (e.g. `API_TOKEN`); Locust sees only these and the basics listed under Security.',
        type: 'list',
        backend: 'local',
        cli: {
            flags: '--pass-env <name>',
            help: 'an environment variable Locust may read, besides the basics; repeat for more',
            repeatable: true
        }
    },
    {
        name: 'secrets',
        default: '',
        description: "Secrets the locustfile reads as environment variables, one `NAME=ARN` per line: a Secrets Manager secret (optionally `:json-key`) or an SSM parameter. On aws the tasks read them with their role, only under the stack's `SecretsPrefix`; the values never pass through the action, the task settings, logs or results. Local reads `NAME` from its own environment. See docs/security.md.",
        type: 'list',
        cli: {
            flags: '--secret <NAME=arn>',
            help: 'an environment variable for the locustfile, read from Secrets Manager or SSM (aws) or this environment (local); repeat for more',
            repeatable: true
        }
    },
    {
        name: 'aws-region',
        default: '',
        description: 'AWS backend: region of the stack. Defaults to `AWS_REGION` from the environment (as set by aws-actions/configure-aws-credentials).',
        type: 'text',
        backend: 'aws',
        cli: {
            flags: '--aws-region <region>',
            help: 'AWS region, e.g. eu-west-1',
            defaultNote: 'AWS_REGION or AWS_DEFAULT_REGION'
        }
    },
    {
        name: 'stack-name',
        default: '',
        description: 'AWS backend: name of the deployed distributed-locust CloudFormation stack; its outputs give every other AWS setting.',
        type: 'text',
        backend: 'aws',
        cli: {
            flags: '--stack-name <name>',
            help: 'the deployed distributed-locust stack; its outputs give every other AWS setting'
        }
    },
    {
        name: 'state-machine-arn',
        default: '',
        description: 'AWS backend: ARN of the state machine, when not using `stack-name`.',
        type: 'text',
        backend: 'aws',
        cli: {
            flags: '--state-machine-arn <arn>',
            help: "the stack's run state machine (with --bucket, instead of --stack-name)"
        }
    },
    {
        name: 'bucket',
        default: '',
        description: 'AWS backend: S3 bucket for the test bundle and results, when not using `stack-name`.',
        type: 'text',
        backend: 'aws',
        cli: {
            flags: '--bucket <name>',
            help: 'S3 bucket for the test bundle and the results',
            defaultNote: "the stack's"
        }
    },
    {
        name: 'cluster',
        default: '',
        description: "AWS backend: ECS cluster name or ARN (overrides the stack's).",
        type: 'text',
        backend: 'aws',
        cli: {
            flags: '--cluster <name-or-arn>',
            help: 'ECS cluster the tasks run in',
            defaultNote: "the stack's"
        }
    },
    {
        name: 'task-definition',
        default: '',
        description: "AWS backend: Fargate task definition family[:revision] or ARN (overrides the stack's).",
        type: 'text',
        backend: 'aws',
        cli: {
            flags: '--task-definition <name-or-arn>',
            help: 'task definition family[:revision] or ARN',
            defaultNote: "the stack's"
        }
    },
    {
        name: 'subnets',
        default: '',
        description: "AWS backend: subnet IDs for the tasks, one per line or comma-separated (overrides the stack's).",
        type: 'list',
        backend: 'aws',
        cli: {
            flags: '--subnet <id>',
            help: 'a subnet of the tasks, e.g. subnet-0123456789abcdef0; repeat for more',
            defaultNote: "the stack's",
            repeatable: true
        }
    },
    {
        name: 'security-groups',
        default: '',
        description: "AWS backend: security group IDs for the tasks (overrides the stack's).",
        type: 'list',
        backend: 'aws',
        cli: {
            flags: '--security-group <id>',
            help: 'a security group of the tasks, e.g. sg-0123456789abcdef0; repeat for more',
            defaultNote: "the stack's",
            repeatable: true
        }
    },
    {
        name: 'assign-public-ip',
        default: 'false',
        description: 'AWS backend: give the tasks public IPs (needed in public subnets without a NAT gateway).',
        type: 'boolean',
        backend: 'aws',
        cli: {
            flags: '--assign-public-ip',
            help: 'give the tasks public IPs (subnets without a NAT gateway)'
        }
    },
    {
        name: 'min-workers',
        default: '',
        description: 'AWS backend: workers that must have joined for the load to start and for the run to count as valid, 1 to `workers`; default `workers`. The others join when they come ([docs/workers.md](docs/workers.md)).',
        type: 'integer',
        min: 1,
        max: 200,
        backend: 'aws',
        cli: {
            flags: '--min-workers <n>',
            help: 'workers that must join for the load to start',
            defaultNote: 'workers'
        }
    },
    {
        name: 'worker-replace-minutes',
        default: '10',
        description: 'AWS backend: for how many minutes missing workers (stopped, reclaimed by Fargate Spot, or not placed for want of Fargate capacity) are asked for again while the run connects; once the load runs, workers that stop are replaced while it surely runs (the run time from the start). 0 (never replaced) to 60.',
        type: 'integer',
        min: 0,
        max: 60,
        backend: 'aws',
        cli: {
            flags: '--worker-replace-minutes <n>',
            help: 'minutes missing workers are asked for again'
        }
    },
    {
        name: 'capacity',
        default: 'on-demand',
        description: "AWS backend: what the workers run on: `on-demand` (Fargate), `spot` (Fargate Spot: cheaper, reclaimed with two minutes' notice, then replaced) or `mixed` (in each RunTask call of up to 10 workers, the first on-demand, the rest 1 on-demand to 3 Spot). The master is always on-demand; Spot runs x86_64 task definitions only.",
        type: 'choice',
        choices: ['on-demand', 'spot', 'mixed'],
        backend: 'aws',
        cli: { flags: '--capacity <kind>', help: 'worker capacity: on-demand, spot or mixed' }
    }
];
/** Every input's name, in action.yml's order. */
const INPUT_NAMES = INPUTS.map((input) => input.name);
const BY_NAME = new Map(INPUTS.map((input) => [input.name, input]));
/** The entry of an input; throws for a name not in the spec (a mistake in the code, not the input). */
function inputSpec(name) {
    const spec = BY_NAME.get(name);
    if (spec === undefined)
        throw new Error(`No input "${name}" in src/inputs/spec.ts`);
    return spec;
}
/** The entry of an input with its own type, e.g. entryOf('workers').max. */
function spec_entryOf(name) {
    return inputSpec(name);
}
/** The input's default as action.yml declares it ('' when computed or absent). */
function defaultOf(name) {
    return inputSpec(name).default;
}
/** The CLI's help line of an input: its help and, when there is one, its default. */
function cliHelp(spec) {
    if (!spec.cli)
        return '';
    const shown = spec.cli.defaultNote ?? (spec.type === 'boolean' ? '' : spec.default);
    return shown === '' ? spec.cli.help : `${spec.cli.help} (default: ${shown})`;
}

;// CONCATENATED MODULE: ./build/src/inputs/read.js

/** Splits a list input written one item per line or comma-separated. */
function splitList(text) {
    return text
        .split(/[\n,]/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
}
const DURATION_PATTERN = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
/** Parses Locust's duration forms ("90", "90s", "5m", "1h30m") into seconds; undefined if invalid. */
function parseDuration(text) {
    if (/^\d+$/.test(text))
        return Number(text);
    const match = DURATION_PATTERN.exec(text);
    if (!match || text === '')
        return undefined;
    const [, hours, minutes, seconds] = match;
    return Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
}
/** '"a" or "b"', '"a", "b" or "c"'. */
function alternatives(words) {
    const quoted = words.map((word) => `"${word}"`);
    return quoted.length < 2
        ? quoted.join('')
        : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
/** The entry of an input read as `type`; a mismatch is a mistake in the code. */
function specOf(name, type) {
    const spec = inputSpec(name);
    if (spec.type !== type)
        throw new Error(`Input "${name}" is ${spec.type} in the spec, not ${type}`);
    return spec;
}
function inputReader(raw, problems, 
/** What a problem with an input starts with: "Input 'users'" (the action's wording) by default. */
label = (input) => `Input '${input}'`) {
    /** The trimmed value; '' when not given. */
    const value = (input) => (raw[input] ?? '').trim();
    /** Records a problem: what was given (cut when long) and what is accepted. */
    const fail = (input, given, accepted) => {
        const cut = given.length - 200;
        const shown = given === ''
            ? 'nothing'
            : cut > 0
                ? `"${given.slice(0, 200)}…" (${cut.toLocaleString('en-US')} more characters cut)`
                : `"${given}"`;
        problems.push({ input, message: `${label(input)}: got ${shown}; ${accepted}` });
        return undefined;
    };
    /** The value, or the default when not given. */
    const text = (input) => value(input) || inputSpec(input).default;
    const integer = (input) => {
        const { min, max, default: fallback } = specOf(input, 'integer');
        const given = value(input);
        if (given === '')
            return Number(fallback);
        const parsed = /^\d+$/.test(given) ? Number(given) : NaN;
        if (Number.isSafeInteger(parsed) && parsed >= min && parsed <= max)
            return parsed;
        fail(input, given, `expected a whole number from ${min} to ${max}.`);
        return Number(fallback);
    };
    /** The number; undefined when not given (or refused) and the default is computed. */
    const number = (input) => {
        const spec = specOf(input, 'number');
        const fallback = spec.default === '' ? undefined : Number(spec.default);
        const given = value(input);
        if (given === '')
            return fallback;
        const parsed = /^\d+(?:\.\d+)?$/.test(given) ? Number(given) : NaN;
        const low = 'min' in spec ? parsed >= spec.min : parsed > spec.above;
        if (low && parsed <= spec.max)
            return parsed;
        fail(input, given, 'min' in spec
            ? `expected a number from ${spec.min} to ${spec.max}.`
            : `expected a number greater than ${spec.above} and at most ${spec.max}, e.g. "10" or "0.5".`);
        return fallback;
    };
    const boolean = (input) => {
        const fallback = specOf(input, 'boolean').default === 'true';
        const given = value(input);
        if (given === '')
            return fallback;
        if (/^(true|yes|on)$/i.test(given))
            return true;
        if (/^(false|no|off)$/i.test(given))
            return false;
        fail(input, given, 'expected "true" or "false".');
        return fallback;
    };
    const choice = (input) => {
        const { choices, default: fallback } = specOf(input, 'choice');
        const given = value(input) || fallback;
        if (choices.includes(given))
            return given;
        fail(input, given, `expected ${alternatives(choices)}.`);
        return fallback;
    };
    /** The duration as given (or its default) and in seconds; undefined seconds when refused. */
    const duration = (input) => {
        const spec = specOf(input, 'duration');
        const given = value(input) || spec.default;
        const seconds = parseDuration(given);
        if (seconds !== undefined && seconds >= (spec.min ?? 1))
            return { text: given, seconds };
        fail(input, given, 'expected a duration in Locust\'s form, e.g. "90s", "5m" or "1h30m".');
        return { text: given };
    };
    const list = (input) => splitList(value(input));
    const matching = (input, pattern, accepted) => {
        const given = value(input);
        if (given === '')
            return undefined;
        return pattern.test(given) ? given : fail(input, given, accepted);
    };
    /** What a backend's parseSettings reads its own inputs with (it names them as strings). */
    const settingsReader = (env) => ({
        value,
        fail,
        matching,
        integer: (input) => integer(input),
        boolean: (input) => boolean(input),
        list,
        env
    });
    return {
        value,
        fail,
        text,
        integer,
        number,
        boolean,
        choice,
        duration,
        list,
        matching,
        settingsReader
    };
}

;// CONCATENATED MODULE: ./build/src/inputs/gate.js
/** The gate's inputs: the baseline, the results artifact, the PR comment. Pure validation. */



/** Characters the artifact service refuses in a name. */
const ARTIFACT_NAME_FORBIDDEN = /["':<>|*?\\/\r\n]/;
/**
 * The gate's settings, or InputError naming every problem. `workingDirectory` is the one
 * parseInputs resolved; a baseline path is relative to it.
 */
function parseGateInputs(raw, workingDirectory) {
    const problems = [];
    const { value, fail, choice, integer, boolean } = inputReader(raw, problems);
    const inWorkingDirectory = (path) => (0,external_node_path_.resolve)(workingDirectory, path);
    const baselineText = value('baseline');
    const baseline = baselineText === ''
        ? { kind: 'none' }
        : baselineText === 'auto'
            ? { kind: 'auto' }
            : { kind: 'path', path: inWorkingDirectory(baselineText) };
    const artifactName = value('artifact-name') || undefined;
    if (artifactName !== undefined && ARTIFACT_NAME_FORBIDDEN.test(artifactName)) {
        fail('artifact-name', artifactName, 'expected a name without " \' : < > | * ? \\ / or line breaks, e.g. "locust-results"; empty turns the upload off.');
    }
    const settings = {
        baseline,
        historySize: integer('baseline-history'),
        acceptBaseline: boolean('accept-baseline'),
        artifactName,
        commentOnPr: choice('comment-on-pr'),
        githubToken: value('github-token') || undefined,
        testName: value('test-name') || undefined
    };
    if (problems.length > 0)
        throw new InputError(problems);
    return settings;
}

// EXTERNAL MODULE: ./node_modules/shell-quote/index.js
var shell_quote = __nccwpck_require__(6591);
// EXTERNAL MODULE: ./node_modules/fastest-levenshtein/mod.js
var mod = __nccwpck_require__(1916);
;// CONCATENATED MODULE: ./build/src/thresholds/parse.js
/**
 * Parses the threshold language, one rule per line:
 *
 *     [selector:] metric operator limit[unit] [abort after duration]   # comment
 *     [selector:] metric operator baseline [* factor | + amount[unit] | - amount[unit]]
 *
 * A selector is quoted ("GET /api/items", with \" and \\ escapes) or unquoted; an unquoted
 * selector runs up to the last ":" of the rule, since the comparison itself never contains one.
 * A "#" starts a comment at the start of a line or after a space, so names like "/page#top" need
 * no quotes. Pure: no I/O.
 */




/** Every problem found in the thresholds; line, column and suggestion are the first problem's. */
class ThresholdSyntaxError extends errors/* DistributedLocustError */.O {
    problems;
    line;
    column;
    suggestion;
    constructor(problems) {
        super(problems.map((problem) => problem.message).join('\n'));
        this.problems = problems;
        this.line = problems[0].line;
        this.column = problems[0].column;
        this.suggestion = problems[0].suggestion;
    }
}
/** A problem on the line being parsed; `index` is 0-based in that line. */
class LineProblem extends Error {
    index;
    reason;
    suggestion;
    constructor(index, reason, suggestion) {
        super(reason);
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
function parseThresholds(text, options = {}) {
    const rules = [];
    const problems = [];
    const percentiles = options.percentiles ?? metrics/* LOCUST_DEFAULT_PERCENTILES */._3;
    text.split(/\r?\n/).forEach((lineText, lineIndex) => {
        const line = lineIndex + 1;
        try {
            const rule = parseLine(lineText, line);
            if (rule) {
                checkRuleAgainstLocust(rule, lineText, percentiles);
                rules.push(rule);
            }
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
        if (selector !== undefined)
            refuseQuoteLookalikes(selector, start);
        comparisonStart = colon >= start ? colon + 1 : start;
    }
    const abort = readAbortClause(lineText, comparisonStart, end);
    const comparison = parseComparison(lineText, comparisonStart, abort?.start ?? end, selector !== undefined);
    if (abort && comparison.baseline) {
        throw new LineProblem(abort.start, `"abort after" needs a fixed limit: the baseline is compared after the run, not while it runs; e.g. ${(0,metrics/* metricName */.Kh)(comparison.metric)} < ${exampleLimit(comparison.metric)} abort after 30s`);
    }
    return {
        text: ruleText,
        line,
        ...(selector === undefined ? {} : { selector }),
        ...comparison,
        ...(abort ? { abortAfterSeconds: abort.seconds } : {})
    };
}
/** The longest an abort rule may wait: a day, as the longest run. */
const MAX_ABORT_SECONDS = 86_400;
/**
 * A trailing "abort after <duration>" (30s, 2m, 1m30s): where it starts and its seconds, or
 * undefined when the rule has none. The limit's units never contain the word "abort".
 */
function readAbortClause(lineText, from, end) {
    const keyword = /(?<=\s)abort\b/i.exec(lineText.slice(from, end));
    if (!keyword)
        return undefined;
    const start = from + keyword.index;
    const afterKeyword = start + keyword[0].length;
    const example = 'e.g. fail_ratio < 5% abort after 30s';
    const clause = /^\s+after(?:\s+(\S+))?\s*$/i.exec(lineText.slice(afterKeyword, end));
    if (!clause)
        throw new LineProblem(start, `expected "abort after <duration>", ${example}`);
    const durationText = clause[1] ?? '';
    const durationStart = afterKeyword + clause[0].lastIndexOf(durationText);
    const seconds = durationText === '' ? undefined : parseDuration(durationText.toLowerCase());
    if (seconds === undefined || !/[hms]$/i.test(durationText)) {
        throw new LineProblem(durationText === '' ? start : durationStart, durationText === ''
            ? `missing duration after "abort after", ${example}`
            : `expected a duration such as 30s, 2m or 1m30s after "abort after" but found "${durationText}"`);
    }
    if (seconds > MAX_ABORT_SECONDS) {
        throw new LineProblem(durationStart, `"abort after ${durationText}" is longer than a day`);
    }
    return { start, seconds };
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
    if (startsWithBaseline(lineText, limitStart, end)) {
        const baseline = parseBaselineBound(lineText, limitStart, end, metric, metricText, operator);
        return { metric, operator, baseline };
    }
    const numberText = /^(?:\d+(?:\.\d+)?|\.\d+)/.exec(lineText.slice(limitStart, end))?.[0];
    if (numberText === undefined) {
        const found = wordAt(lineText, limitStart, end);
        const nearBaseline = /^[a-z]+/i.exec(found)?.[0] ?? '';
        if (nearBaseline !== '' &&
            (0,mod/* distance */.Io)(nearBaseline.toLowerCase(), BASELINE) <= MAX_SUGGESTION_DISTANCE) {
            throw new LineProblem(limitStart, `unknown limit "${found}"; did you mean "${BASELINE}"?`, BASELINE);
        }
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
    refuseHugeLimit(metric, numberText, limit, limitStart);
    return { metric, operator, limit };
}
function parseMetric(metricText, index, hasSelector) {
    const name = metricText.toLowerCase();
    if ((0,metrics/* isSimpleMetricName */.oF)(name))
        return { kind: name };
    const percentile = /^p(\d+(?:\.(\d+))?)$/.exec(name);
    if (percentile) {
        const quantile = Number(percentile[1]);
        if (quantile > 100) {
            throw new LineProblem(index, `percentile "${metricText}" is above 100; the highest is p100`, 'p100');
        }
        if ((percentile[2] ?? '').replace(/0+$/, '').length > metrics/* MAX_PERCENTILE_DECIMALS */.Mw) {
            throw new LineProblem(index, `percentile "${metricText}" has more than ${metrics/* MAX_PERCENTILE_DECIMALS */.Mw} decimals, which Locust never writes`);
        }
        return { kind: 'percentile', quantile };
    }
    const lookalike = METRIC_LOOKALIKES.get(name);
    const nearest = lookalike ?? (0,mod/* closest */.kp)(name, metrics/* KNOWN_METRIC_NAMES */.sw);
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
    switch ((0,metrics/* metricFamily */.Xb)(metric)) {
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
    const name = (0,metrics/* metricName */.Kh)(metric);
    const value = Number(numberText);
    switch ((0,metrics/* metricFamily */.Xb)(metric)) {
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
            refuseWholeRatio(name, numberText, value, limitIndex);
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
// Baseline bounds: "baseline", "baseline * 1.1", "baseline + 50ms", "baseline - 10".
const BASELINE = 'baseline';
function startsWithBaseline(lineText, index, end) {
    return /^baseline(?![A-Za-z0-9_])/i.test(lineText.slice(index, end));
}
/** Parses what follows the operator of a baseline rule, from the word "baseline" to the end. */
function parseBaselineBound(lineText, baselineStart, end, metric, metricText, operator) {
    const example = `e.g. ${metricText} ${operator} ${BASELINE} * 1.1 or ${metricText} ${operator} ${BASELINE} + ${exampleLimit(metric)}`;
    const signStart = skipSpaces(lineText, baselineStart + BASELINE.length, end);
    if (signStart === end)
        return { factor: 1, offset: 0 };
    const sign = lineText[signStart];
    if (sign !== '*' && sign !== '+' && sign !== '-') {
        const found = wordAt(lineText, signStart, end);
        throw new LineProblem(signStart, `expected "*", "+" or "-" after "${BASELINE}" but found "${found}"; ${example}`);
    }
    const amountStart = skipSpaces(lineText, signStart + 1, end);
    const numberText = /^(?:\d+(?:\.\d+)?|\.\d+)/.exec(lineText.slice(amountStart, end))?.[0];
    if (numberText === undefined) {
        const found = wordAt(lineText, amountStart, end);
        throw new LineProblem(amountStart, `expected a non-negative number after "${BASELINE} ${sign}"${found === '' ? '' : ` but found "${found}"`}; ${example}`);
    }
    const unitStart = skipSpaces(lineText, amountStart + numberText.length, end);
    const unitText = /^(?:[A-Za-z%]+|\/s)/.exec(lineText.slice(unitStart, end))?.[0] ?? '';
    const trailingStart = skipSpaces(lineText, unitStart + unitText.length, end);
    if (trailingStart < end) {
        const found = wordAt(lineText, trailingStart, end);
        throw new LineProblem(trailingStart, `unexpected "${found}" after the baseline bound; ${example}`);
    }
    if (sign === '*') {
        if (unitText !== '') {
            throw new LineProblem(unitStart, `a factor takes no unit, not "${unitText}"; ${example}`);
        }
        const factor = Number(numberText);
        if (factor === 0) {
            throw new LineProblem(amountStart, `a factor of 0 makes the limit 0 whatever the baseline; ${example}`);
        }
        return { factor, offset: 0 };
    }
    const amount = normaliseLimit(metric, numberText, unitText.toLowerCase(), amountStart, unitStart);
    return { factor: 1, offset: sign === '-' ? -amount : amount };
}
// Checks that catch, before the run, rules that would otherwise fail (or pass) for the wrong
// reason after it.
/** Quote characters that are not the straight `"` a selector is quoted with. */
const QUOTE_LOOKALIKES = "'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a";
const WRAPPED_IN_LOOKALIKES = new RegExp(`^[${QUOTE_LOOKALIKES}]|[${QUOTE_LOOKALIKES}]$`);
const LOOKALIKE_EDGES = new RegExp(`^[${QUOTE_LOOKALIKES}\\s]+|[${QUOTE_LOOKALIKES}\\s]+$`, 'g');
/**
 * A selector wrapped in curly, single or back quotes (an editor's “smart quotes”) would be taken
 * as part of the endpoint name and match nothing after the whole run.
 */
function refuseQuoteLookalikes(selector, index) {
    if (!WRAPPED_IN_LOOKALIKES.test(selector))
        return;
    const fixed = `"${selector.replace(LOOKALIKE_EDGES, '').replace(/["\\]/g, '\\$&')}"`;
    throw new LineProblem(index, `the selector ${selector} is wrapped in quotes that do not quote a selector (only straight double quotes do); write ${fixed}`, fixed);
}
/** `fail_ratio < 1` would mean 100%, which always holds: a whole number is almost surely a percentage. */
function refuseWholeRatio(name, numberText, value, index) {
    if (value < 1)
        return;
    const fraction = String(Number(`${numberText}e-2`));
    throw new LineProblem(index, `${name} without "%" is a fraction (1 = 100%), so ${numberText} would hold whatever fails; ` +
        `write "${numberText}%" or "${fraction}"`, `${numberText}%`);
}
/** Above these a limit is a typo, not a load test: a day of response time, a trillion requests. */
const MAX_LIMITS = {
    time: 86_400_000,
    ratio: 1,
    rate: 1e9,
    count: 1e12
};
function refuseHugeLimit(metric, numberText, limit, index) {
    const max = MAX_LIMITS[(0,metrics/* metricFamily */.Xb)(metric)];
    if (limit <= max)
        return;
    const shown = numberText.length > 20
        ? `${numberText.slice(0, 12)}… (${numberText.length} digits)`
        : numberText;
    throw new LineProblem(index, `limit ${shown} is too large for ${(0,metrics/* metricName */.Kh)(metric)}; the largest accepted is ${max.toLocaleString('en-US')}${(0,metrics/* metricFamily */.Xb)(metric) === 'time' ? ' ms (a day)' : ''}`);
}
/** A percentile rule needs a column Locust writes; a p59 rule would otherwise fail after the run. */
function checkRuleAgainstLocust(rule, lineText, percentiles) {
    const metric = rule.metric;
    if (metric.kind !== 'percentile' || percentiles === 'any')
        return;
    if (percentiles.some((written) => Math.abs(written - metric.quantile) < 1e-9))
        return;
    const names = percentiles.map((quantile) => `p${quantile}`);
    const nearest = (0,mod/* closest */.kp)(`p${metric.quantile}`, names);
    // The metric comes after any selector, so its last occurrence is the metric itself.
    const index = lineText.toLowerCase().lastIndexOf(`p${metric.quantile}`);
    throw new LineProblem(Math.max(0, index), `Locust writes no ${metric.quantile}% column, so p${metric.quantile} cannot be measured; it writes ` +
        `${names.join(', ')} (set locust.stats.PERCENTILES_TO_REPORT in the locustfile for others); did you mean "${nearest}"?`, nearest);
}

// EXTERNAL MODULE: ./build/src/run/paths.js
var paths = __nccwpck_require__(8559);
// EXTERNAL MODULE: ./build/src/inputs/secrets.js
var inputs_secrets = __nccwpck_require__(9022);
;// CONCATENATED MODULE: ./build/docker/reserved-flags.json
const reserved_flags_namespaceObject = /*#__PURE__*/JSON.parse('{"M":[{"flags":["-f","--locustfile"],"instead":"use the `locustfile` input"},{"flags":["-u","--users"],"instead":"use the `users` input"},{"flags":["-r","--spawn-rate"],"instead":"use the `spawn-rate` input"},{"flags":["-t","--run-time"],"instead":"use the `run-time` input"},{"flags":["-H","--host"],"instead":"use the `host` input"},{"flags":["--master"],"instead":"the backend starts the master"},{"flags":["--worker"],"instead":"the backend starts the workers"},{"flags":["--master-host"],"instead":"the backend connects workers to the master"},{"flags":["--master-port"],"instead":"the backend chooses the master port"},{"flags":["--master-bind-host"],"instead":"the backend chooses the master address"},{"flags":["--master-bind-port"],"instead":"the backend chooses the master port"},{"flags":["--expect-workers"],"instead":"use the `workers` input"},{"flags":["--expect-workers-max-wait"],"instead":"the backend waits for the workers"},{"flags":["--processes"],"instead":"use the `workers` input"},{"flags":["--headless"],"instead":"runs are always headless"},{"flags":["--autostart"],"instead":"runs are always headless"},{"flags":["--autoquit"],"instead":"the backend ends the run"},{"flags":["--csv"],"instead":"the backend writes CSVs into `results-dir`"},{"flags":["--csv-full-history"],"instead":"the backend always writes the full history"},{"flags":["--html"],"instead":"the backend writes report.html into `results-dir`"},{"flags":["--logfile"],"instead":"the backend writes the logs into `results-dir`"},{"flags":["-L","--loglevel"],"instead":"the backend reads Locust\'s INFO log"},{"flags":["--skip-log-setup"],"instead":"the backend reads Locust\'s log"},{"flags":["-l","--list"],"instead":"it makes Locust list the user classes and exit before any test","exits":true},{"flags":["-V","--version"],"instead":"it makes Locust print its version and exit before any test","exits":true},{"flags":["-h","--help"],"instead":"it makes Locust print its help and exit before any test","exits":true},{"flags":["--show-task-ratio"],"instead":"it makes Locust print the task ratios and exit before any test","exits":true},{"flags":["--show-task-ratio-json"],"instead":"it makes Locust print the task ratios and exit before any test","exits":true}]}');
;// CONCATENATED MODULE: ./build/src/inputs/locust-flags.js
/**
 * The Locust flags distributed-locust sets itself, from docker/reserved-flags.json: the container
 * entrypoint reads the same file, so the action refuses exactly what the container would, before
 * any task starts. Pure.
 */

/** Reserved flag → what to use instead. */
const INSTEAD = new Map(reserved_flags_namespaceObject.M.flatMap(({ flags, instead }) => flags.map((flag) => [flag, instead])));
const LONG_FLAGS = [...INSTEAD.keys()].filter((flag) => flag.startsWith('--'));
/**
 * The reserved flags one argument gives, sorted: `--flag` or `--flag=value`; a prefix argparse
 * expands (`--run` → `--run-time`; one matching several reserved flags gives them all); a short
 * flag, with its value attached or not (`-u15` → `-u`).
 */
function reservedFlagsOf(token) {
    if (token.startsWith('--')) {
        const name = token.split('=', 1)[0];
        if (name === '--')
            return [];
        if (INSTEAD.has(name))
            return [name];
        return LONG_FLAGS.filter((flag) => flag.startsWith(name)).sort();
    }
    const short = token.slice(0, 2);
    return token.startsWith('-') && INSTEAD.has(short) ? [short] : [];
}
/** What to use instead of a reserved flag. */
function insteadOf(flag) {
    return INSTEAD.get(flag) ?? '';
}
/** Reserved flags that make Locust exit at once (--list, --version, --help, …): no test would run. */
const EXITS = new Set(reserved_flags_namespaceObject.M.flatMap((entry) => ('exits' in entry && entry.exits ? entry.flags : [])));
/** Whether a reserved flag makes Locust exit before any test runs. */
function exitsAtOnce(flag) {
    return EXITS.has(flag);
}
/**
 * The keys of a Locust config file (ConfigArgParse's `key = value` lines, as in locust.conf) that
 * set a reserved flag, in the file's order. Locust reads `locust.conf` in its working directory
 * by itself, on the master and on every worker, so such keys fight the flags the backend gives.
 */
function reservedConfigKeys(text) {
    const keys = text
        .split(/\r?\n/)
        .map((line) => /^\s*([A-Za-z][\w-]*)\s*(?:[=:\s]|$)/.exec(line)?.[1])
        .filter((key) => key !== undefined);
    return [...new Set(keys.filter((key) => INSTEAD.has(`--${key.replaceAll('_', '-')}`)))];
}
/** The file a `--config FILE` or `--config=FILE` in Locust's extra arguments names, if any. */
function configFileArgument(args) {
    const index = args.findIndex((arg) => arg === '--config' || arg.startsWith('--config='));
    if (index === -1)
        return undefined;
    const arg = args[index];
    return arg === '--config' ? args[index + 1] : arg.slice('--config='.length);
}

;// CONCATENATED MODULE: ./build/src/inputs/parse.js














const MAX_TIMEOUT_MINUTES = spec_entryOf('timeout-minutes').max;
/** Limits that keep a careless input from making huge messages or reading without end. */
const LIMITS = {
    thresholdsFileBytes: 256 * 1024,
    /** Read only to look for PERCENTILES_TO_REPORT; a larger one is not looked into. */
    locustfileBytes: 4 * 1024 * 1024,
    rules: 500,
    ruleLineChars: 1_000,
    problemsPerInput: 20,
    problemChars: 400
};

/** Some backends ship files keyed by their path inside the working directory. */
const shippedInsideWorkingDirectory = (kind) => `the ${kind} backend ships files by their path inside \`working-directory\`, and this one is outside it; move it inside, or set \`working-directory\` to a folder that holds the locustfile and its data.`;
/**
 * Builds the validated run configuration from raw inputs, or throws InputError listing every
 * problem at once. Nothing is started before this returns.
 */
function parseInputs(raw, context) {
    const problems = [];
    const name = (input) => context.displayName?.(input) ?? input;
    const fields = inputReader(raw, problems, (input) => inputLabel(context, input));
    const { value, fail, text, integer, number, boolean, duration, choice } = fields;
    const backendText = text('backend');
    const backend = backendFor(isBackendKind(backendText)
        ? backendText
        : (fail('backend', backendText, `expected ${alternatives(BACKEND_KINDS)}.`),
            defaultOf('backend')));
    const workingDirectory = (0,external_node_path_.resolve)(context.cwd, text('working-directory'));
    const workingDirectoryExists = context.files.kind(workingDirectory) === 'directory';
    if (!workingDirectoryExists) {
        fail('working-directory', value('working-directory'), 'expected an existing folder (relative to the workspace).');
    }
    const inWorkingDirectory = (path) => (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(workingDirectory, path);
    const locustfileText = text('locustfile');
    const locustfile = inWorkingDirectory(locustfileText);
    const locustfileKind = context.files.kind(locustfile);
    if (!workingDirectoryExists || !backend.runsLocustfile) {
        // Every relative path would be wrong (the working-directory problem says why), or nothing runs.
    }
    else if (locustfileKind !== 'file') {
        fail('locustfile', locustfileText, locustfileKind === 'directory'
            ? 'that is a folder; expected a Python file such as "locustfile.py".'
            : `no file at ${locustfile}; expected a path to a Python locustfile, relative to the working directory.`);
    }
    else if (!locustfile.endsWith('.py')) {
        fail('locustfile', locustfileText, 'expected a Python file ending in ".py".');
    }
    else if (backend.shipsWorkingDirectory && (0,paths/* isOutside */._)(workingDirectory, locustfile)) {
        fail('locustfile', locustfileText, shippedInsideWorkingDirectory(backend.kind));
    }
    const data = splitList(value('data')).map((item) => {
        const path = inWorkingDirectory(item);
        if (context.files.kind(path) === 'missing') {
            fail('data', item, `no file or folder at ${path}; list existing files or folders, one per line.`);
        }
        else if (backend.shipsWorkingDirectory &&
            workingDirectoryExists &&
            (0,paths/* isOutside */._)(workingDirectory, path)) {
            fail('data', item, shippedInsideWorkingDirectory(backend.kind));
        }
        return path;
    });
    const host = value('host') || undefined;
    // Blanks only are a mistake (an empty variable in quotes), not a request for the locustfile's host.
    if (host === undefined && (raw.host ?? '') !== '') {
        fail('host', raw.host ?? '', 'expected a URL such as "https://staging.example.com"; leave it out for the host set in the locustfile.');
    }
    const hostProblem = host === undefined ? undefined : whyNotAHost(host);
    if (host !== undefined && hostProblem !== undefined)
        fail('host', (0,run_host/* redactHost */.S7)(host), hostProblem);
    const users = integer('users');
    const spawnRate = number('spawn-rate') ?? Math.min(users, 100);
    const { text: runTime, seconds: runTimeSeconds } = duration('run-time');
    const workers = integer('workers');
    const rounds = parseRounds(fields, { backend, host, users, workers, env: context.env });
    // What Locust runs in all: every round's warm-up and run time.
    const loadSeconds = runTimeSeconds === undefined ? undefined : (0,run_rounds/* plannedLoadSeconds */.ql)(runTimeSeconds, rounds);
    if (loadSeconds !== undefined && loadSeconds >= MAX_TIMEOUT_MINUTES * 60) {
        fail('run-time', runTime, `expected less than ${MAX_TIMEOUT_MINUTES / 60}h${rounds === undefined ? '' : ' over all rounds with their warm-ups'}: timeout-minutes is at most ${MAX_TIMEOUT_MINUTES} and must leave time to start and collect results.`);
    }
    const locustArgs = tokenizeLocustArgs(value('locust-args'), (message) => fail('locust-args', value('locust-args'), message));
    if (workingDirectoryExists && backend.runsLocustfile) {
        checkLocustConfigFiles(workingDirectory, locustArgs, context, problems);
    }
    // A locustfile that sets its own percentile columns may have any percentile checked.
    const percentiles = locustfileKind === 'file' &&
        context.files.read(locustfile, LIMITS.locustfileBytes)?.includes('PERCENTILES_TO_REPORT')
        ? 'any'
        : undefined;
    if (rounds !== undefined &&
        locustfileKind === 'file' &&
        definesLoadShape(context.files.read(locustfile, LIMITS.locustfileBytes) ?? '')) {
        fail('rounds', value('rounds') || defaultOf('rounds'), 'the locustfile defines a LoadTestShape, which sets the load over the whole run, while rounds start the users anew each round (also with `warmup` or `baseline-host`): remove the shape, or those inputs.');
    }
    const thresholds = parseThresholdInputs(raw, context, inWorkingDirectory, problems, name, {
        percentiles
    });
    const failOnThreshold = boolean('fail-on-threshold');
    const onInvalid = choice('on-invalid');
    const timeoutMinutes = number('timeout-minutes') ?? defaultTimeout(loadSeconds);
    const confidence = number('confidence') ?? Number(spec_entryOf('confidence').default);
    const onInconclusive = choice('on-inconclusive');
    if (loadSeconds !== undefined &&
        value('timeout-minutes') !== '' &&
        timeoutMinutes * 60 <= loadSeconds) {
        fail('timeout-minutes', value('timeout-minutes'), rounds === undefined
            ? `expected more minutes than the run time (${runTime}), leaving time to start and collect results.`
            : `expected more minutes than the rounds take (${Math.ceil(loadSeconds / 60)} min: warm-up and run time of every round), leaving time to start and collect results.`);
    }
    const resultsDir = inWorkingDirectory(text('results-dir'));
    const settings = backend.parseSettings(fields.settingsReader(context.env));
    const { secrets, problems: secretProblems } = (0,inputs_secrets/* parseSecrets */.d)(fields.list('secrets'));
    for (const problem of secretProblems)
        fail('secrets', problem.given, problem.message);
    const passedToo = secrets.filter((secret) => fields.list('pass-env').includes(secret.name));
    for (const secret of passedToo) {
        fail('secrets', `${secret.name}=${secret.arn}`, `pass-env names ${secret.name} too; a variable comes from one place: remove it from one of them.`);
    }
    // A run writes Locust's files and its reports there: never into a system folder or over others'.
    const unfitResultsDir = backend.runsLocustfile
        ? whyNotAResultsFolder(resultsDir, context.files.entries?.(resultsDir))
        : undefined;
    if (unfitResultsDir !== undefined) {
        fail('results-dir', value('results-dir') || resultsDir, `${unfitResultsDir}; give a new or empty folder, or one an earlier run wrote.`);
    }
    // Made only once everything else is valid, so that refused inputs leave nothing behind.
    const resultsDirProblem = problems.length === 0 ? context.files.prepareFolder(resultsDir) : undefined;
    if (resultsDirProblem !== undefined) {
        fail('results-dir', value('results-dir') || resultsDir, `${resultsDirProblem}; expected a folder that can be created and written to.`);
    }
    if (problems.length > 0)
        throw new InputError(problems);
    return {
        backend: settings,
        locustfile,
        data,
        host,
        users,
        spawnRate,
        runTime,
        runTimeSeconds: runTimeSeconds ?? 0,
        workers,
        ...(rounds === undefined ? {} : { rounds }),
        locustArgs,
        thresholds,
        failOnThreshold,
        confidence,
        onInconclusive,
        onInvalid,
        timeoutMinutes,
        workingDirectory,
        resultsDir,
        ...(secrets.length > 0 ? { secrets } : {})
    };
}
/**
 * Refuses Locust config files that set what the backend sets: `locust.conf` in the working
 * directory (Locust reads it by itself) and a `--config FILE` in locust-args. Each reaches the
 * master and every worker, where `master = true` or `users = 100` make Locust refuse to start.
 */
function checkLocustConfigFiles(workingDirectory, locustArgs, context, problems) {
    const given = configFileArgument(locustArgs);
    const files = [
        {
            path: (0,external_node_path_.resolve)(workingDirectory, 'locust.conf'),
            input: 'working-directory',
            how: 'by itself'
        },
        ...(given === undefined
            ? []
            : [{ path: (0,external_node_path_.resolve)(workingDirectory, given), input: 'locust-args', how: 'from --config' }])
    ];
    for (const { path, input, how } of files) {
        if (context.files.kind(path) !== 'file')
            continue;
        const keys = reservedConfigKeys(context.files.read(path, LIMITS.locustfileBytes) ?? '');
        if (keys.length === 0)
            continue;
        const instead = keys.map((key) => `${key}: ${insteadOf(`--${key.replaceAll('_', '-')}`)}`);
        problems.push({
            input,
            message: `Locust reads ${path} ${how}, on the master and on every worker, and it sets ${keys.join(', ')}, which distributed-locust sets itself (${instead.join('; ')}). Remove ${keys.length === 1 ? 'that key' : 'those keys'} from ${path}; its other settings still apply.`
        });
    }
}
/**
 * `mode: calibrate` runs A/A rounds against `host` alone (design `repeated`), paired among
 * themselves by `calibrate` (src/thresholds/calibrate.ts), so at least two.
 */
function refuseForCalibration({ fail }, rounds, baselineHost) {
    if (baselineHost !== undefined) {
        fail('baseline-host', (0,run_host/* redactHost */.S7)(baselineHost), 'mode: calibrate measures the noise of one target against itself (A/A rounds on `host`): leave baseline-host out, or use mode "interleaved" or "duet" to compare two versions.');
    }
    if (rounds < 2) {
        fail('rounds', String(rounds), `mode: calibrate pairs rounds among themselves: give at least 2 (4 or more give a useful band; default ${run_rounds/* CALIBRATION_ROUNDS */.ZK}).`);
    }
}
/**
 * `rounds`, `warmup`, `baseline-host` and `mode` as one plan, checked against each other and the
 * backend before anything starts; undefined for one plain run.
 */
function parseRounds(fields, run) {
    const { value, fail, integer, choice, duration } = fields;
    const mode = choice('mode');
    const calibrating = mode === 'calibrate';
    const rounds = calibrating && !value('rounds') ? run_rounds/* CALIBRATION_ROUNDS */.ZK : integer('rounds');
    const warmupSeconds = duration('warmup').seconds ?? 0;
    const baselineHost = value('baseline-host') || undefined;
    const hostProblem = baselineHost === undefined ? undefined : whyNotAHost(baselineHost);
    if (baselineHost !== undefined && hostProblem !== undefined) {
        fail('baseline-host', (0,run_host/* redactHost */.S7)(baselineHost), hostProblem);
    }
    if (calibrating)
        refuseForCalibration(fields, rounds, baselineHost);
    else if (baselineHost !== undefined && run.host === undefined) {
        fail('baseline-host', (0,run_host/* redactHost */.S7)(baselineHost), "the candidate needs its own URL beside it: give `host` too (the locustfile's host cannot be switched between rounds).");
    }
    const plan = calibrating
        ? { design: 'repeated', count: rounds, warmupSeconds, calibrate: true }
        : (0,run_rounds/* roundsPlanOf */.sK)({ rounds, warmupSeconds, baselineHost, mode });
    if (plan?.design === 'duet') {
        if (baselineHost === undefined) {
            fail('mode', mode, 'a duet loads two targets at once: give the second in `baseline-host`.');
        }
        if (run.workers < 2 || run.workers % 2 !== 0) {
            fail('workers', String(run.workers), 'a duet gives each side half the workers: expected an even number, at least 2.');
        }
        if (run.users % 2 !== 0) {
            fail('users', String(run.users), 'a duet gives each side half the users: expected an even number.');
        }
    }
    const elsewhere = run.backend.runsRemotely?.(run.env);
    // Staged apart for `host` only: the baseline's would stay in the run's bundle.
    if (elsewhere !== undefined &&
        baselineHost !== undefined &&
        (0,run_host/* redactHost */.S7)(baselineHost) !== baselineHost) {
        fail('baseline-host', (0,run_host/* redactHost */.S7)(baselineHost), `credentials in the URL cannot be sent to ${elsewhere} yet; give them to the locustfile another way (e.g. an environment variable of the tasks).`);
    }
    if (elsewhere !== undefined) {
        for (const [input, url] of [
            ['host', run.host],
            ['baseline-host', baselineHost]
        ]) {
            if (url !== undefined && (0,run_rounds/* isLoopbackHost */.cW)(url)) {
                fail(input, (0,run_host/* redactHost */.S7)(url), `that is this machine (loopback), which ${elsewhere} cannot reach; give an address they can reach, e.g. the service's DNS name in the VPC.`);
            }
        }
    }
    return plan;
}
/** Why `text` cannot be the host URL; undefined when it can. */
function whyNotAHost(text) {
    const example = 'e.g. "https://staging.example.com"';
    if (!/^https?:\/\//i.test(text))
        return `expected a URL starting with http:// or https://, ${example}.`;
    if (/\s/.test(text))
        return 'a URL holds no spaces; give extra Locust flags in `locust-args`, not in `host`.';
    let url;
    try {
        url = new URL(text);
    }
    catch {
        return `not a valid URL (check the brackets around an IPv6 address, the port from 1 to 65535 and the characters), ${example}.`;
    }
    if (url.port === '0')
        return 'port 0 cannot be connected to; expected a port from 1 to 65535.';
    return undefined;
}
/** `run-time` plus 10 minutes, within the spec's cap. */
function defaultTimeout(runTimeSeconds) {
    return Math.min(Math.ceil((runTimeSeconds ?? 60) / 60) + 10, MAX_TIMEOUT_MINUTES);
}
function tokenizeLocustArgs(text, reject) {
    if (text === '')
        return [];
    const unclosed = unclosedQuoteAt(text);
    if (unclosed !== undefined) {
        reject(`the ${text[unclosed]} quote at character ${unclosed + 1} is never closed; close it, or escape it with a backslash.`);
        return [];
    }
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
        const [flag] = reservedFlagsOf(word);
        if (flag !== undefined) {
            const given = word.split('=', 1)[0];
            const spelled = given === flag ? '' : ` (\`${given}\` stands for ${flag})`;
            reject(exitsAtOnce(flag)
                ? `${flag}${spelled} would stop the run before it starts (${insteadOf(flag)}); remove it from locust-args.`
                : `the action sets ${flag} itself${spelled} (${insteadOf(flag)}); remove it from locust-args.`);
            return [];
        }
    }
    return words;
}
/**
 * Where the quote left open at the end of a shell-quoted text starts, if one is (shell-quote would
 * silently split the rest into words). A backslash escapes outside quotes and inside "…", as in sh.
 */
function unclosedQuoteAt(text) {
    let openAt;
    for (let i = 0; i < text.length; i++) {
        const char = text[i];
        const open = openAt === undefined ? undefined : text[openAt];
        if (char === '\\' && open !== "'")
            i++;
        else if (open === undefined && (char === '"' || char === "'"))
            openAt = i;
        else if (char === open)
            openAt = undefined;
    }
    return openAt;
}
/**
 * Thresholds come from the `thresholds` input and from `thresholds-file`, in that order. Syntax
 * errors keep their line and column, counted within the input or file that holds them. Sizes are
 * capped, so that a wrong file (/dev/zero, a log) is refused quickly with a short message; a file
 * that is mostly not rules is named without quoting its content (it may be /etc/passwd).
 */
function parseThresholdInputs(raw, context, inWorkingDirectory, problems, name, options) {
    const sources = [
        { input: 'thresholds', text: raw['thresholds'] ?? '', origin: '' }
    ];
    const fileText = (raw['thresholds-file'] ?? '').trim();
    const fileProblem = (message) => {
        problems.push({
            input: 'thresholds-file',
            message: `${inputLabel(context, 'thresholds-file')}: got "${fileText}"; ${message}`
        });
    };
    if (fileText !== '') {
        const path = inWorkingDirectory(fileText);
        const kind = context.files.kind(path);
        const text = kind === 'file' ? context.files.read(path, LIMITS.thresholdsFileBytes) : undefined;
        if (kind === 'other') {
            fileProblem(`${path} is not a regular file (a device or a pipe); expected a text file with one threshold rule per line.`);
        }
        else if (kind !== 'file') {
            fileProblem(`no file at ${path}; expected a text file with one threshold rule per line.`);
        }
        else if (text === undefined) {
            fileProblem(`${path} is larger than ${LIMITS.thresholdsFileBytes / 1024} KiB; expected a text file with one threshold rule per line.`);
        }
        else {
            sources.push({ input: 'thresholds-file', text, origin: ` (${fileText})` });
        }
    }
    const rules = [];
    for (const source of sources) {
        const label = `${inputLabel(context, source.input)}${source.origin}`;
        const lines = source.text.split(/\r?\n/);
        const longLine = lines.findIndex((line) => line.length > LIMITS.ruleLineChars);
        if (longLine >= 0) {
            problems.push({
                input: source.input,
                message: `${label}: line ${longLine + 1} is ${lines[longLine].length.toLocaleString('en-US')} characters long; a rule is at most ${LIMITS.ruleLineChars.toLocaleString('en-US')}.`
            });
            continue;
        }
        try {
            rules.push(...parseThresholds(source.text, options));
        }
        catch (error) {
            if (!(error instanceof ThresholdSyntaxError))
                throw error;
            const ruleLines = lines.filter((line) => !/^\s*(#|$)/.test(line)).length;
            // One bad line is a typo worth quoting; most lines bad is the wrong file.
            const wrongFile = error.problems.length >= 2 && error.problems.length * 2 > ruleLines;
            if (source.input === 'thresholds-file' && wrongFile) {
                fileProblem(`${error.problems.length} of its ${ruleLines} lines are not threshold rules (the first at line ${error.line}, column ${error.column}); is it the right file? Expected one rule per line, such as "p95 < 500ms".`);
                continue;
            }
            const shown = error.problems.slice(0, LIMITS.problemsPerInput);
            for (const problem of shown) {
                const detail = problem.message.replace(/^thresholds\s*/, '');
                problems.push({ input: source.input, message: capped(`${label}: ${detail}`) });
            }
            const hidden = error.problems.length - shown.length;
            if (hidden > 0) {
                problems.push({
                    input: source.input,
                    message: `${label}: ${hidden} more problems not shown (the first ${shown.length} are above).`
                });
            }
        }
    }
    if (rules.length > LIMITS.rules) {
        problems.push({
            input: 'thresholds',
            message: `${inputLabel(context, 'thresholds')}: ${rules.length} threshold rules given; at most ${LIMITS.rules} are accepted (with \`${name('thresholds-file')}\` counted in).`
        });
    }
    return rules;
}
/**
 * The doctor's inputs: the backend's own (those its doctor requires given), `workers`, and
 * `timeout-minutes` (default: `run-time` plus 10 minutes, as for a run). Throws InputError listing
 * every problem.
 */
function parseDoctorInputs(raw, context, backendModule) {
    const problems = [];
    const fields = inputReader(raw, problems, (input) => inputLabel(context, input));
    for (const [input, why] of Object.entries(backendModule.doctor?.requiredInputs ?? {})) {
        if (fields.value(input) === '')
            fields.fail(input, '', why);
    }
    const backend = backendModule.parseSettings(fields.settingsReader(context.env));
    const workers = fields.integer('workers');
    const runTimeSeconds = fields.duration('run-time').seconds;
    const timeoutMinutes = fields.number('timeout-minutes') ?? defaultTimeout(runTimeSeconds);
    if (problems.length > 0)
        throw new InputError(problems);
    return { backend, workers, timeoutMinutes };
}
/** A message cut to LIMITS.problemChars, saying how much was cut. */
function capped(message) {
    if (message.length <= LIMITS.problemChars)
        return message;
    const cut = message.length - LIMITS.problemChars;
    return `${message.slice(0, LIMITS.problemChars)}… (${cut.toLocaleString('en-US')} more characters cut)`;
}
/** How a problem names an input: as `context.label` says, else "Input '<displayName>'". */
function inputLabel(context, input) {
    return context.label?.(input) ?? `Input '${context.displayName?.(input) ?? input}'`;
}

;// CONCATENATED MODULE: ./node_modules/slice-ansi/node_modules/ansi-styles/index.js
const ansi_styles_ANSI_BACKGROUND_OFFSET = 10;

const ansi_styles_wrapAnsi16 = (offset = 0) => code => `\u001B[${code + offset}m`;

const ansi_styles_wrapAnsi256 = (offset = 0) => code => `\u001B[${38 + offset};5;${code}m`;

const ansi_styles_wrapAnsi16m = (offset = 0) => (red, green, blue) => `\u001B[${38 + offset};2;${red};${green};${blue}m`;

const ansi_styles_styles = {
	modifier: {
		reset: [0, 0],
		// 21 isn't widely supported and 22 does the same thing
		bold: [1, 22],
		dim: [2, 22],
		italic: [3, 23],
		underline: [4, 24],
		overline: [53, 55],
		inverse: [7, 27],
		hidden: [8, 28],
		strikethrough: [9, 29],
	},
	color: {
		black: [30, 39],
		red: [31, 39],
		green: [32, 39],
		yellow: [33, 39],
		blue: [34, 39],
		magenta: [35, 39],
		cyan: [36, 39],
		white: [37, 39],

		// Bright color
		blackBright: [90, 39],
		gray: [90, 39], // Alias of `blackBright`
		grey: [90, 39], // Alias of `blackBright`
		redBright: [91, 39],
		greenBright: [92, 39],
		yellowBright: [93, 39],
		blueBright: [94, 39],
		magentaBright: [95, 39],
		cyanBright: [96, 39],
		whiteBright: [97, 39],
	},
	bgColor: {
		bgBlack: [40, 49],
		bgRed: [41, 49],
		bgGreen: [42, 49],
		bgYellow: [43, 49],
		bgBlue: [44, 49],
		bgMagenta: [45, 49],
		bgCyan: [46, 49],
		bgWhite: [47, 49],

		// Bright color
		bgBlackBright: [100, 49],
		bgGray: [100, 49], // Alias of `bgBlackBright`
		bgGrey: [100, 49], // Alias of `bgBlackBright`
		bgRedBright: [101, 49],
		bgGreenBright: [102, 49],
		bgYellowBright: [103, 49],
		bgBlueBright: [104, 49],
		bgMagentaBright: [105, 49],
		bgCyanBright: [106, 49],
		bgWhiteBright: [107, 49],
	},
};

const ansi_styles_modifierNames = Object.keys(ansi_styles_styles.modifier);
const ansi_styles_foregroundColorNames = Object.keys(ansi_styles_styles.color);
const ansi_styles_backgroundColorNames = Object.keys(ansi_styles_styles.bgColor);
const ansi_styles_colorNames = [...ansi_styles_foregroundColorNames, ...ansi_styles_backgroundColorNames];

function ansi_styles_assembleStyles() {
	const codes = new Map();

	for (const [groupName, group] of Object.entries(ansi_styles_styles)) {
		for (const [styleName, style] of Object.entries(group)) {
			ansi_styles_styles[styleName] = {
				open: `\u001B[${style[0]}m`,
				close: `\u001B[${style[1]}m`,
			};

			group[styleName] = ansi_styles_styles[styleName];

			codes.set(style[0], style[1]);
		}

		Object.defineProperty(ansi_styles_styles, groupName, {
			value: group,
			enumerable: false,
		});
	}

	Object.defineProperty(ansi_styles_styles, 'codes', {
		value: codes,
		enumerable: false,
	});

	ansi_styles_styles.color.close = '\u001B[39m';
	ansi_styles_styles.bgColor.close = '\u001B[49m';

	ansi_styles_styles.color.ansi = ansi_styles_wrapAnsi16();
	ansi_styles_styles.color.ansi256 = ansi_styles_wrapAnsi256();
	ansi_styles_styles.color.ansi16m = ansi_styles_wrapAnsi16m();
	ansi_styles_styles.bgColor.ansi = ansi_styles_wrapAnsi16(ansi_styles_ANSI_BACKGROUND_OFFSET);
	ansi_styles_styles.bgColor.ansi256 = ansi_styles_wrapAnsi256(ansi_styles_ANSI_BACKGROUND_OFFSET);
	ansi_styles_styles.bgColor.ansi16m = ansi_styles_wrapAnsi16m(ansi_styles_ANSI_BACKGROUND_OFFSET);

	// From https://github.com/Qix-/color-convert/blob/3f0e0d4e92e235796ccb17f6e85c72094a651f49/conversions.js
	Object.defineProperties(ansi_styles_styles, {
		rgbToAnsi256: {
			value(red, green, blue) {
				// We use the extended greyscale palette here, with the exception of
				// black and white. normal palette only has 4 greyscale shades.
				if (red === green && green === blue) {
					if (red < 8) {
						return 16;
					}

					if (red > 248) {
						return 231;
					}

					return Math.round(((red - 8) / 247) * 24) + 232;
				}

				return 16
					+ (36 * Math.round(red / 255 * 5))
					+ (6 * Math.round(green / 255 * 5))
					+ Math.round(blue / 255 * 5);
			},
			enumerable: false,
		},
		hexToRgb: {
			value(hex) {
				const matches = /[a-f\d]{6}|[a-f\d]{3}/i.exec(hex.toString(16));
				if (!matches) {
					return [0, 0, 0];
				}

				let [colorString] = matches;

				if (colorString.length === 3) {
					colorString = [...colorString].map(character => character + character).join('');
				}

				const integer = Number.parseInt(colorString, 16);

				return [
					/* eslint-disable no-bitwise */
					(integer >> 16) & 0xFF,
					(integer >> 8) & 0xFF,
					integer & 0xFF,
					/* eslint-enable no-bitwise */
				];
			},
			enumerable: false,
		},
		hexToAnsi256: {
			value: hex => ansi_styles_styles.rgbToAnsi256(...ansi_styles_styles.hexToRgb(hex)),
			enumerable: false,
		},
		ansi256ToAnsi: {
			value(code) {
				if (code < 8) {
					return 30 + code;
				}

				if (code < 16) {
					return 90 + (code - 8);
				}

				let red;
				let green;
				let blue;

				if (code >= 232) {
					red = (((code - 232) * 10) + 8) / 255;
					green = red;
					blue = red;
				} else {
					code -= 16;

					const remainder = code % 36;

					red = Math.floor(code / 36) / 5;
					green = Math.floor(remainder / 6) / 5;
					blue = (remainder % 6) / 5;
				}

				const value = Math.max(red, green, blue) * 2;

				if (value === 0) {
					return 30;
				}

				// eslint-disable-next-line no-bitwise
				let result = 30 + ((Math.round(blue) << 2) | (Math.round(green) << 1) | Math.round(red));

				if (value === 2) {
					result += 60;
				}

				return result;
			},
			enumerable: false,
		},
		rgbToAnsi: {
			value: (red, green, blue) => ansi_styles_styles.ansi256ToAnsi(ansi_styles_styles.rgbToAnsi256(red, green, blue)),
			enumerable: false,
		},
		hexToAnsi: {
			value: hex => ansi_styles_styles.ansi256ToAnsi(ansi_styles_styles.hexToAnsi256(hex)),
			enumerable: false,
		},
	});

	return ansi_styles_styles;
}

const ansi_styles_ansiStyles = ansi_styles_assembleStyles();

/* harmony default export */ const node_modules_ansi_styles = (ansi_styles_ansiStyles);

;// CONCATENATED MODULE: ./node_modules/slice-ansi/node_modules/is-fullwidth-code-point/index.js


function isFullwidthCodePoint(codePoint) {
	if (!Number.isInteger(codePoint)) {
		return false;
	}

	return isFullwidth(codePoint) || isWide(codePoint);
}

;// CONCATENATED MODULE: ./node_modules/slice-ansi/tokenize-ansi.js



const ESCAPE_CODE_POINT = 27;
const C1_DCS_CODE_POINT = 144;
const C1_SOS_CODE_POINT = 152;
const C1_CSI_CODE_POINT = 155;
const C1_ST_CODE_POINT = 156;
const C1_OSC_CODE_POINT = 157;
const C1_PM_CODE_POINT = 158;
const C1_APC_CODE_POINT = 159;
const tokenize_ansi_ESCAPES = new Set([
	ESCAPE_CODE_POINT,
	C1_DCS_CODE_POINT,
	C1_SOS_CODE_POINT,
	C1_CSI_CODE_POINT,
	C1_ST_CODE_POINT,
	C1_OSC_CODE_POINT,
	C1_PM_CODE_POINT,
	C1_APC_CODE_POINT,
]);

const ESCAPE = '\u001B';
const ANSI_BELL = '\u0007';
const tokenize_ansi_ANSI_CSI = '[';
const tokenize_ansi_ANSI_OSC = ']';
const ANSI_DCS = 'P';
const ANSI_SOS = 'X';
const ANSI_PM = '^';
const ANSI_APC = '_';
const tokenize_ansi_ANSI_SGR_TERMINATOR = 'm';
const ANSI_OSC_TERMINATOR = '\\';
const ANSI_STRING_TERMINATOR = `${ESCAPE}${ANSI_OSC_TERMINATOR}`;
const C1_OSC = '\u009D';
const C1_STRING_TERMINATOR = '\u009C';
const ANSI_HYPERLINK_ESC_PREFIX = `${ESCAPE}${tokenize_ansi_ANSI_OSC}8;`;
const ANSI_HYPERLINK_C1_PREFIX = `${C1_OSC}8;`;
const ANSI_HYPERLINK_ESC_CLOSE = `${ANSI_HYPERLINK_ESC_PREFIX};`;
const ANSI_HYPERLINK_C1_CLOSE = `${ANSI_HYPERLINK_C1_PREFIX};`;

const CODE_POINT_0 = '0'.codePointAt(0);
const CODE_POINT_9 = '9'.codePointAt(0);
const CODE_POINT_SEMICOLON = ';'.codePointAt(0);
const CODE_POINT_COLON = ':'.codePointAt(0);
// ECMA-48 CSI format: parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, final 0x40-0x7E.
const CODE_POINT_CSI_PARAMETER_START = '0'.codePointAt(0);
const CODE_POINT_CSI_PARAMETER_END = '?'.codePointAt(0);
const CODE_POINT_CSI_INTERMEDIATE_START = ' '.codePointAt(0);
const CODE_POINT_CSI_INTERMEDIATE_END = '/'.codePointAt(0);
const CODE_POINT_CSI_FINAL_START = '@'.codePointAt(0);
const CODE_POINT_CSI_FINAL_END = '~'.codePointAt(0);
const REGIONAL_INDICATOR_SYMBOL_LETTER_A = 127_462;
const REGIONAL_INDICATOR_SYMBOL_LETTER_Z = 127_487;
const SGR_RESET_CODE = 0;
const SGR_EXTENDED_FOREGROUND_CODE = 38;
const SGR_DEFAULT_FOREGROUND_CODE = 39;
const SGR_EXTENDED_BACKGROUND_CODE = 48;
const SGR_DEFAULT_BACKGROUND_CODE = 49;
const SGR_COLOR_TYPE_ANSI_256 = 5;
const SGR_COLOR_TYPE_TRUECOLOR = 2;
const SGR_ANSI_256_FRAGMENT_LENGTH = 3;
const SGR_TRUECOLOR_FRAGMENT_LENGTH = 5;
const SGR_ANSI_256_LAST_PARAMETER_OFFSET = 2;
const SGR_TRUECOLOR_LAST_PARAMETER_OFFSET = 4;
const VARIATION_SELECTOR_16_CODE_POINT = 65_039;
const COMBINING_ENCLOSING_KEYCAP_CODE_POINT = 8419;
const EMOJI_PRESENTATION_GRAPHEME_REGEX = /\p{Emoji_Presentation}/u;
const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

const endCodeNumbers = new Set();
for (const [, end] of node_modules_ansi_styles.codes) {
	endCodeNumbers.add(end);
}

function isSgrParameterCharacter(codePoint) {
	return (
		(codePoint >= CODE_POINT_0 && codePoint <= CODE_POINT_9)
		|| codePoint === CODE_POINT_SEMICOLON
		|| codePoint === CODE_POINT_COLON
	);
}

function isCsiParameterCharacter(codePoint) {
	return codePoint >= CODE_POINT_CSI_PARAMETER_START && codePoint <= CODE_POINT_CSI_PARAMETER_END;
}

function isCsiIntermediateCharacter(codePoint) {
	return codePoint >= CODE_POINT_CSI_INTERMEDIATE_START && codePoint <= CODE_POINT_CSI_INTERMEDIATE_END;
}

function isCsiFinalCharacter(codePoint) {
	return codePoint >= CODE_POINT_CSI_FINAL_START && codePoint <= CODE_POINT_CSI_FINAL_END;
}

function isRegionalIndicatorCodePoint(codePoint) {
	return codePoint >= REGIONAL_INDICATOR_SYMBOL_LETTER_A && codePoint <= REGIONAL_INDICATOR_SYMBOL_LETTER_Z;
}

function createControlParseResult(code, endIndex) {
	return {
		token: {
			type: 'control',
			code,
		},
		endIndex,
	};
}

function isEmojiStyleGrapheme(grapheme) {
	if (EMOJI_PRESENTATION_GRAPHEME_REGEX.test(grapheme)) {
		return true;
	}

	for (const character of grapheme) {
		const codePoint = character.codePointAt(0);
		if (
			codePoint === VARIATION_SELECTOR_16_CODE_POINT
			|| codePoint === COMBINING_ENCLOSING_KEYCAP_CODE_POINT
		) {
			return true;
		}
	}

	return false;
}

function getGraphemeWidth(grapheme) {
	let regionalIndicatorCount = 0;
	for (const character of grapheme) {
		const codePoint = character.codePointAt(0);
		if (isFullwidthCodePoint(codePoint)) {
			return 2;
		}

		if (isRegionalIndicatorCodePoint(codePoint)) {
			regionalIndicatorCount++;
		}
	}

	if (regionalIndicatorCount >= 1) {
		return 2;
	}

	if (isEmojiStyleGrapheme(grapheme)) {
		return 2;
	}

	return 1;
}

function getSgrPrefix(code) {
	if (code.startsWith('\u009B')) {
		return '\u009B';
	}

	return `${ESCAPE}${tokenize_ansi_ANSI_CSI}`;
}

function createSgrCode(prefix, values) {
	return `${prefix}${values.join(';')}${tokenize_ansi_ANSI_SGR_TERMINATOR}`;
}

function getSgrFragments(code) {
	const fragments = [];
	const sgrPrefix = getSgrPrefix(code);
	let parameterString;

	if (code.startsWith(`${ESCAPE}${tokenize_ansi_ANSI_CSI}`)) {
		parameterString = code.slice(2, -1);
	} else if (code.startsWith('\u009B')) {
		parameterString = code.slice(1, -1);
	} else {
		return fragments;
	}

	const rawCodes = parameterString.length === 0 ? [String(SGR_RESET_CODE)] : parameterString.split(';');
	let index = 0;
	while (index < rawCodes.length) {
		const codeNumber = Number.parseInt(rawCodes[index], 10);
		if (Number.isNaN(codeNumber)) {
			index++;
			continue;
		}

		if (codeNumber === SGR_RESET_CODE) {
			fragments.push({type: 'reset'});
			index++;
			continue;
		}

		if (codeNumber === SGR_EXTENDED_FOREGROUND_CODE || codeNumber === SGR_EXTENDED_BACKGROUND_CODE) {
			const colorType = Number.parseInt(rawCodes[index + 1], 10);
			if (colorType === SGR_COLOR_TYPE_ANSI_256 && index + SGR_ANSI_256_LAST_PARAMETER_OFFSET < rawCodes.length) {
				const openCode = createSgrCode(sgrPrefix, rawCodes.slice(index, index + SGR_ANSI_256_FRAGMENT_LENGTH));
				fragments.push({
					type: 'start',
					code: openCode,
					endCode: node_modules_ansi_styles.color.ansi(codeNumber === SGR_EXTENDED_FOREGROUND_CODE ? SGR_DEFAULT_FOREGROUND_CODE : SGR_DEFAULT_BACKGROUND_CODE),
				});
				index += SGR_ANSI_256_FRAGMENT_LENGTH;
				continue;
			}

			if (colorType === SGR_COLOR_TYPE_TRUECOLOR && index + SGR_TRUECOLOR_LAST_PARAMETER_OFFSET < rawCodes.length) {
				const openCode = createSgrCode(sgrPrefix, rawCodes.slice(index, index + SGR_TRUECOLOR_FRAGMENT_LENGTH));
				fragments.push({
					type: 'start',
					code: openCode,
					endCode: node_modules_ansi_styles.color.ansi(codeNumber === SGR_EXTENDED_FOREGROUND_CODE ? SGR_DEFAULT_FOREGROUND_CODE : SGR_DEFAULT_BACKGROUND_CODE),
				});
				index += SGR_TRUECOLOR_FRAGMENT_LENGTH;
				continue;
			}

			const openCode = createSgrCode(sgrPrefix, [rawCodes[index]]);
			fragments.push({
				type: 'start',
				code: openCode,
				endCode: node_modules_ansi_styles.color.ansi(codeNumber === SGR_EXTENDED_FOREGROUND_CODE ? SGR_DEFAULT_FOREGROUND_CODE : SGR_DEFAULT_BACKGROUND_CODE),
			});
			index++;
			continue;
		}

		if (endCodeNumbers.has(codeNumber)) {
			fragments.push({
				type: 'end',
				endCode: node_modules_ansi_styles.color.ansi(codeNumber),
			});
			index++;
			continue;
		}

		const mappedEndCode = node_modules_ansi_styles.codes.get(codeNumber);
		if (mappedEndCode !== undefined) {
			const openCode = createSgrCode(sgrPrefix, [rawCodes[index]]);
			fragments.push({
				type: 'start',
				code: openCode,
				endCode: node_modules_ansi_styles.color.ansi(mappedEndCode),
			});
			index++;
			continue;
		}

		const openCode = createSgrCode(sgrPrefix, [rawCodes[index]]);
		fragments.push({
			type: 'start',
			code: openCode,
			endCode: node_modules_ansi_styles.reset.open,
		});
		index++;
	}

	if (fragments.length === 0) {
		fragments.push({type: 'reset'});
	}

	return fragments;
}

function parseCsiCode(string, index) {
	const escapeCodePoint = string.codePointAt(index);
	let sequenceStartIndex;

	if (escapeCodePoint === ESCAPE_CODE_POINT) {
		if (string[index + 1] !== tokenize_ansi_ANSI_CSI) {
			return;
		}

		sequenceStartIndex = index + 2;
	} else if (escapeCodePoint === C1_CSI_CODE_POINT) {
		sequenceStartIndex = index + 1;
	} else {
		return;
	}

	let hasCanonicalSgrParameters = true;
	for (let sequenceIndex = sequenceStartIndex; sequenceIndex < string.length; sequenceIndex++) {
		const codePoint = string.codePointAt(sequenceIndex);

		if (isCsiFinalCharacter(codePoint)) {
			const code = string.slice(index, sequenceIndex + 1);
			if (string[sequenceIndex] !== tokenize_ansi_ANSI_SGR_TERMINATOR || !hasCanonicalSgrParameters) {
				return createControlParseResult(code, sequenceIndex + 1);
			}

			return {
				token: {
					type: 'sgr',
					code,
					fragments: getSgrFragments(code),
				},
				endIndex: sequenceIndex + 1,
			};
		}

		if (isCsiParameterCharacter(codePoint)) {
			if (!isSgrParameterCharacter(codePoint)) {
				hasCanonicalSgrParameters = false;
			}

			continue;
		}

		if (isCsiIntermediateCharacter(codePoint)) {
			hasCanonicalSgrParameters = false;
			continue;
		}

		const endIndex = sequenceIndex;
		return createControlParseResult(string.slice(index, endIndex), endIndex);
	}

	return createControlParseResult(string.slice(index), string.length);
}

function parseHyperlinkCode(string, index) {
	let hyperlinkPrefix;
	let hyperlinkClose;
	const codePoint = string.codePointAt(index);

	if (
		codePoint === ESCAPE_CODE_POINT
		&& string.startsWith(ANSI_HYPERLINK_ESC_PREFIX, index)
	) {
		hyperlinkPrefix = ANSI_HYPERLINK_ESC_PREFIX;
		hyperlinkClose = ANSI_HYPERLINK_ESC_CLOSE;
	} else if (
		codePoint === C1_OSC_CODE_POINT
		&& string.startsWith(ANSI_HYPERLINK_C1_PREFIX, index)
	) {
		hyperlinkPrefix = ANSI_HYPERLINK_C1_PREFIX;
		hyperlinkClose = ANSI_HYPERLINK_C1_CLOSE;
	} else {
		return;
	}

	const uriStart = string.indexOf(';', index + hyperlinkPrefix.length);
	if (uriStart === -1) {
		return createControlParseResult(string.slice(index), string.length);
	}

	for (let sequenceIndex = uriStart + 1; sequenceIndex < string.length; sequenceIndex++) {
		const character = string[sequenceIndex];

		if (character === ANSI_BELL) {
			const code = string.slice(index, sequenceIndex + 1);
			const action = sequenceIndex === uriStart + 1 ? 'close' : 'open';
			return {
				token: {
					type: 'hyperlink',
					code,
					action,
					closePrefix: hyperlinkClose,
					terminator: ANSI_BELL,
				},
				endIndex: sequenceIndex + 1,
			};
		}

		if (
			character === ESCAPE
			&& string[sequenceIndex + 1] === ANSI_OSC_TERMINATOR
		) {
			const code = string.slice(index, sequenceIndex + 2);
			const action = sequenceIndex === uriStart + 1 ? 'close' : 'open';
			return {
				token: {
					type: 'hyperlink',
					code,
					action,
					closePrefix: hyperlinkClose,
					terminator: ANSI_STRING_TERMINATOR,
				},
				endIndex: sequenceIndex + 2,
			};
		}

		if (character === C1_STRING_TERMINATOR) {
			const code = string.slice(index, sequenceIndex + 1);
			const action = sequenceIndex === uriStart + 1 ? 'close' : 'open';
			return {
				token: {
					type: 'hyperlink',
					code,
					action,
					closePrefix: hyperlinkClose,
					terminator: C1_STRING_TERMINATOR,
				},
				endIndex: sequenceIndex + 1,
			};
		}
	}

	return createControlParseResult(string.slice(index), string.length);
}

function parseControlStringCode(string, index) {
	const codePoint = string.codePointAt(index);
	let sequenceStartIndex;
	let supportsBellTerminator = false;

	switch (codePoint) {
		case ESCAPE_CODE_POINT: {
			const command = string[index + 1];
			switch (command) {
				case tokenize_ansi_ANSI_OSC: {
					// OSC accepts ST (ECMA-48) and BEL (xterm compatibility extension).
					sequenceStartIndex = index + 2;
					supportsBellTerminator = true;
					break;
				}

				case ANSI_DCS:
				case ANSI_SOS:
				case ANSI_PM:
				case ANSI_APC: {
					sequenceStartIndex = index + 2;
					break;
				}

				case ANSI_OSC_TERMINATOR: {
					return createControlParseResult(ANSI_STRING_TERMINATOR, index + 2);
				}

				default: {
					return;
				}
			}

			break;
		}

		case C1_OSC_CODE_POINT: {
			sequenceStartIndex = index + 1;
			supportsBellTerminator = true;
			break;
		}

		case C1_DCS_CODE_POINT:
		case C1_SOS_CODE_POINT:
		case C1_PM_CODE_POINT:
		case C1_APC_CODE_POINT: {
			sequenceStartIndex = index + 1;
			break;
		}

		case C1_ST_CODE_POINT: {
			return createControlParseResult(C1_STRING_TERMINATOR, index + 1);
		}

		default: {
			return;
		}
	}

	for (let sequenceIndex = sequenceStartIndex; sequenceIndex < string.length; sequenceIndex++) {
		if (supportsBellTerminator && string[sequenceIndex] === ANSI_BELL) {
			return createControlParseResult(string.slice(index, sequenceIndex + 1), sequenceIndex + 1);
		}

		if (
			string[sequenceIndex] === ESCAPE
			&& string[sequenceIndex + 1] === ANSI_OSC_TERMINATOR
		) {
			return createControlParseResult(string.slice(index, sequenceIndex + 2), sequenceIndex + 2);
		}

		if (string[sequenceIndex] === C1_STRING_TERMINATOR) {
			return createControlParseResult(string.slice(index, sequenceIndex + 1), sequenceIndex + 1);
		}
	}

	return createControlParseResult(string.slice(index), string.length);
}

function parseAnsiCode(string, index) {
	const codePoint = string.codePointAt(index);
	if (codePoint === ESCAPE_CODE_POINT || codePoint === C1_OSC_CODE_POINT) {
		const hyperlinkCode = parseHyperlinkCode(string, index);
		if (hyperlinkCode) {
			return hyperlinkCode;
		}
	}

	const controlStringCode = parseControlStringCode(string, index);
	if (controlStringCode) {
		return controlStringCode;
	}

	return parseCsiCode(string, index);
}

function appendTrailingAnsiTokens(string, index, tokens) {
	while (index < string.length) {
		const nextCodePoint = string.codePointAt(index);
		if (!tokenize_ansi_ESCAPES.has(nextCodePoint)) {
			break;
		}

		const escapeCode = parseAnsiCode(string, index);
		if (!escapeCode) {
			break;
		}

		tokens.push(escapeCode.token);
		index = escapeCode.endIndex;
	}

	return index;
}

function parseCharacterTokenWithRawSegmentation(string, index, graphemeSegments) {
	const segment = graphemeSegments.containing(index);
	if (!segment || segment.index !== index) {
		return;
	}

	return {
		token: {
			type: 'character',
			// Intentionally preserve UAX29 behavior (GB3): CRLF is one grapheme cluster.
			value: segment.segment,
			visibleWidth: getGraphemeWidth(segment.segment),
			isGraphemeContinuation: false,
		},
		endIndex: index + segment.segment.length,
	};
}

function collectVisibleCharacters(string) {
	const visibleCharacters = [];
	let index = 0;

	while (index < string.length) {
		const codePoint = string.codePointAt(index);
		if (tokenize_ansi_ESCAPES.has(codePoint)) {
			const code = parseAnsiCode(string, index);
			if (code) {
				index = code.endIndex;
				continue;
			}
		}

		const value = String.fromCodePoint(codePoint);
		visibleCharacters.push({
			value,
			visibleWidth: 1,
			isGraphemeContinuation: false,
		});
		index += value.length;
	}

	return visibleCharacters;
}

function applyGraphemeMetadata(visibleCharacters) {
	if (visibleCharacters.length === 0) {
		return;
	}

	const visibleString = visibleCharacters.map(({value}) => value).join('');
	const scalarOffsets = [];
	let scalarOffset = 0;

	for (const visibleCharacter of visibleCharacters) {
		scalarOffsets.push(scalarOffset);
		scalarOffset += visibleCharacter.value.length;
	}

	let scalarIndex = 0;
	for (const segment of GRAPHEME_SEGMENTER.segment(visibleString)) {
		while (
			scalarIndex < visibleCharacters.length
			&& scalarOffsets[scalarIndex] < segment.index
		) {
			scalarIndex++;
		}

		let graphemeIndex = scalarIndex;
		let isFirstInGrapheme = true;
		while (
			graphemeIndex < visibleCharacters.length
			&& scalarOffsets[graphemeIndex] < segment.index + segment.segment.length
		) {
			visibleCharacters[graphemeIndex].visibleWidth = isFirstInGrapheme ? getGraphemeWidth(segment.segment) : 0;
			visibleCharacters[graphemeIndex].isGraphemeContinuation = !isFirstInGrapheme;
			isFirstInGrapheme = false;
			graphemeIndex++;
		}

		scalarIndex = graphemeIndex;
	}
}

function tokenizeAnsiWithVisibleSegmentation(string, {endCharacter = Number.POSITIVE_INFINITY} = {}) {
	const tokens = [];
	const visibleCharacters = collectVisibleCharacters(string);
	applyGraphemeMetadata(visibleCharacters);

	let index = 0;
	let visibleCharacterIndex = 0;
	let visibleCount = 0;
	while (index < string.length) {
		const codePoint = string.codePointAt(index);

		if (tokenize_ansi_ESCAPES.has(codePoint)) {
			const code = parseAnsiCode(string, index);
			if (code) {
				tokens.push(code.token);
				index = code.endIndex;
				continue;
			}
		}

		const value = String.fromCodePoint(codePoint);
		const visibleCharacter = visibleCharacters[visibleCharacterIndex];
		let visibleWidth = isFullwidthCodePoint(codePoint) ? 2 : value.length;
		if (visibleCharacter) {
			visibleWidth = visibleCharacter.visibleWidth;
		}

		const token = {
			type: 'character',
			value,
			visibleWidth,
			isGraphemeContinuation: visibleCharacter ? visibleCharacter.isGraphemeContinuation : false,
		};

		tokens.push(token);
		index += value.length;
		visibleCharacterIndex++;
		visibleCount += token.visibleWidth;

		if (visibleCount >= endCharacter) {
			const nextVisibleCharacter = visibleCharacters[visibleCharacterIndex];
			if (
				!nextVisibleCharacter
				|| !nextVisibleCharacter.isGraphemeContinuation
			) {
				index = appendTrailingAnsiTokens(string, index, tokens);
				break;
			}
		}
	}

	return tokens;
}

function areValuesInSameGrapheme(leftValue, rightValue) {
	const pair = `${leftValue}${rightValue}`;
	const splitIndex = leftValue.length;

	for (const segment of GRAPHEME_SEGMENTER.segment(pair)) {
		if (segment.index === splitIndex) {
			return false;
		}

		if (segment.index > splitIndex) {
			return true;
		}
	}

	return true;
}

function hasAnsiSplitContinuationAhead(string, startIndex, previousVisibleValue, graphemeSegments) {
	if (!previousVisibleValue) {
		return false;
	}

	let index = startIndex;
	let hasAnsiCode = false;
	while (index < string.length) {
		const codePoint = string.codePointAt(index);
		if (tokenize_ansi_ESCAPES.has(codePoint)) {
			const code = parseAnsiCode(string, index);
			if (code) {
				hasAnsiCode = true;
				index = code.endIndex;
				continue;
			}
		}

		if (!hasAnsiCode) {
			return false;
		}

		const characterToken = parseCharacterTokenWithRawSegmentation(string, index, graphemeSegments);
		if (!characterToken) {
			return true;
		}

		return areValuesInSameGrapheme(previousVisibleValue, characterToken.token.value);
	}

	return false;
}

function tokenizeAnsi(string, {endCharacter = Number.POSITIVE_INFINITY} = {}) {
	const tokens = [];
	const graphemeSegments = GRAPHEME_SEGMENTER.segment(string);

	let index = 0;
	let visibleCount = 0;
	let previousVisibleValue;
	let hasAnsiSinceLastVisible = false;
	while (index < string.length) {
		const codePoint = string.codePointAt(index);

		if (tokenize_ansi_ESCAPES.has(codePoint)) {
			const code = parseAnsiCode(string, index);
			if (code) {
				tokens.push(code.token);
				index = code.endIndex;
				hasAnsiSinceLastVisible = true;
				continue;
			}
		}

		const characterToken = parseCharacterTokenWithRawSegmentation(string, index, graphemeSegments);
		if (!characterToken) {
			return tokenizeAnsiWithVisibleSegmentation(string, {endCharacter});
		}

		if (
			hasAnsiSinceLastVisible
			&& previousVisibleValue
			&& areValuesInSameGrapheme(previousVisibleValue, characterToken.token.value)
		) {
			return tokenizeAnsiWithVisibleSegmentation(string, {endCharacter});
		}

		tokens.push(characterToken.token);
		index = characterToken.endIndex;
		visibleCount += characterToken.token.visibleWidth;
		hasAnsiSinceLastVisible = false;
		previousVisibleValue = characterToken.token.value;

		if (visibleCount >= endCharacter) {
			if (hasAnsiSplitContinuationAhead(string, index, previousVisibleValue, graphemeSegments)) {
				return tokenizeAnsiWithVisibleSegmentation(string, {endCharacter});
			}

			index = appendTrailingAnsiTokens(string, index, tokens);
			break;
		}
	}

	return tokens;
}

;// CONCATENATED MODULE: ./node_modules/slice-ansi/index.js


function applySgrFragments(activeStyles, fragments) {
	for (const fragment of fragments) {
		switch (fragment.type) {
			case 'reset': {
				activeStyles.clear();
				break;
			}

			case 'end': {
				activeStyles.delete(fragment.endCode);
				break;
			}

			case 'start': {
				activeStyles.delete(fragment.endCode);
				activeStyles.set(fragment.endCode, fragment.code);
				break;
			}

			default: {
				break;
			}
		}
	}

	return activeStyles;
}

function undoAnsiCodes(activeStyles) {
	return [...activeStyles.keys()].reverse().join('');
}

function closeHyperlink(hyperlinkToken) {
	return `${hyperlinkToken.closePrefix}${hyperlinkToken.terminator}`;
}

function shouldIncludeSgrAfterEnd(token, activeStyles) {
	let hasStartFragment = false;
	let hasClosingEffect = false;

	for (const fragment of token.fragments) {
		if (fragment.type === 'start') {
			hasStartFragment = true;
			continue;
		}

		if (fragment.type === 'reset' && activeStyles.size > 0) {
			hasClosingEffect = true;
			continue;
		}

		if (fragment.type === 'end' && activeStyles.has(fragment.endCode)) {
			hasClosingEffect = true;
		}
	}

	return hasClosingEffect && !hasStartFragment;
}

function slice_ansi_applySgrToken({token, isPastEnd, activeStyles, returnValue, include, activeHyperlink, position}) {
	if (isPastEnd && !shouldIncludeSgrAfterEnd(token, activeStyles)) {
		return {
			activeStyles,
			activeHyperlink,
			position,
			returnValue,
			include,
		};
	}

	activeStyles = applySgrFragments(activeStyles, token.fragments);
	if (include) {
		returnValue += token.code;
	}

	return {
		activeStyles,
		activeHyperlink,
		position,
		returnValue,
		include,
	};
}

function applyHyperlinkToken({token, isPastEnd, activeStyles, activeHyperlink, position, returnValue, include}) {
	if (
		isPastEnd
		&& (
			token.action !== 'close'
			|| !activeHyperlink
		)
	) {
		return {
			activeStyles,
			activeHyperlink,
			position,
			returnValue,
			include,
		};
	}

	if (token.action === 'open') {
		activeHyperlink = token;
	} else if (token.action === 'close') {
		activeHyperlink = undefined;
	}

	if (include) {
		returnValue += token.code;
	}

	return {
		activeStyles,
		activeHyperlink,
		position,
		returnValue,
		include,
	};
}

function applyControlToken({token, isPastEnd, activeStyles, activeHyperlink, position, returnValue, include}) {
	if (!isPastEnd && include) {
		returnValue += token.code;
	}

	return {
		activeStyles,
		activeHyperlink,
		position,
		returnValue,
		include,
	};
}

function applyCharacterToken({token, start, activeStyles, activeHyperlink, position, returnValue, include}) {
	if (
		!include
		&& position >= start
		&& !token.isGraphemeContinuation
	) {
		include = true;
		returnValue = [...activeStyles.values()].join('');
		if (activeHyperlink) {
			returnValue += activeHyperlink.code;
		}
	}

	if (include) {
		returnValue += token.value;
	}

	position += token.visibleWidth;
	return {
		activeStyles,
		activeHyperlink,
		position,
		returnValue,
		include,
	};
}

const tokenHandlers = {
	sgr: slice_ansi_applySgrToken,
	hyperlink: applyHyperlinkToken,
	control: applyControlToken,
	character: applyCharacterToken,
};

function applyToken(parameters) {
	const tokenHandler = tokenHandlers[parameters.token.type];
	if (!tokenHandler) {
		const {
			activeStyles,
			activeHyperlink,
			position,
			returnValue,
			include,
		} = parameters;

		return {
			activeStyles,
			activeHyperlink,
			position,
			returnValue,
			include,
		};
	}

	return tokenHandler(parameters);
}

function createHasContinuationAheadMap(tokens) {
	const hasContinuationAhead = Array.from({length: tokens.length}, () => false);
	let nextCharacterIsContinuation = false;

	for (let tokenIndex = tokens.length - 1; tokenIndex >= 0; tokenIndex--) {
		const token = tokens[tokenIndex];
		hasContinuationAhead[tokenIndex] = nextCharacterIsContinuation;
		if (token.type === 'character') {
			nextCharacterIsContinuation = Boolean(token.isGraphemeContinuation);
		}
	}

	return hasContinuationAhead;
}

function sliceAnsi(string, start, end) {
	const tokens = tokenizeAnsi(string, {endCharacter: end});
	const hasContinuationAhead = createHasContinuationAheadMap(tokens);
	let activeStyles = new Map();
	let activeHyperlink;
	let position = 0;
	let returnValue = '';
	let include = false;

	for (const [tokenIndex, token] of tokens.entries()) {
		let isPastEnd = end !== undefined && position >= end;
		if (
			isPastEnd
			&& token.type !== 'character'
			&& hasContinuationAhead[tokenIndex]
		) {
			isPastEnd = false;
		}

		if (
			isPastEnd
			&& token.type === 'character'
			&& !token.isGraphemeContinuation
		) {
			break;
		}

		({activeStyles, activeHyperlink, position, returnValue, include} = applyToken({
			token,
			isPastEnd,
			start,
			activeStyles,
			activeHyperlink,
			position,
			returnValue,
			include,
		}));
	}

	if (!include) {
		return '';
	}

	if (activeHyperlink) {
		returnValue += closeHyperlink(activeHyperlink);
	}

	// Disable active codes at the end
	returnValue += undoAnsiCodes(activeStyles);

	return returnValue;
}

;// CONCATENATED MODULE: ./node_modules/cli-truncate/index.js



function getIndexOfNearestSpace(string, wantedIndex, shouldSearchRight) {
	if (string.charAt(wantedIndex) === ' ') {
		return wantedIndex;
	}

	const direction = shouldSearchRight ? 1 : -1;

	for (let index = 0; index <= 3; index++) {
		const finalIndex = wantedIndex + (index * direction);
		if (string.charAt(finalIndex) === ' ') {
			return finalIndex;
		}
	}

	return wantedIndex;
}

function cliTruncate(text, columns, options = {}) {
	const {
		position = 'end',
		space = false,
		preferTruncationOnSpace = false,
	} = options;

	let {truncationCharacter = '…'} = options;

	if (typeof text !== 'string') {
		throw new TypeError(`Expected \`input\` to be a string, got ${typeof text}`);
	}

	if (typeof columns !== 'number') {
		throw new TypeError(`Expected \`columns\` to be a number, got ${typeof columns}`);
	}

	if (columns < 1) {
		return '';
	}

	const length = stringWidth(text);

	if (length <= columns) {
		return text;
	}

	if (columns === 1) {
		return truncationCharacter;
	}

	// ANSI escape sequence constants
	const ANSI = {
		ESC: 27,
		LEFT_BRACKET: 91,
		LETTER_M: 109,
	};

	const isSgrParameter = code => (code >= 48 && code <= 57) || code === 59; // 0-9 or ;

	function leadingSgrSpanEndIndex(string) {
		let index = 0;
		while (index + 2 < string.length && string.codePointAt(index) === ANSI.ESC && string.codePointAt(index + 1) === ANSI.LEFT_BRACKET) {
			let j = index + 2;
			while (j < string.length && isSgrParameter(string.codePointAt(j))) {
				j++;
			}

			if (j < string.length && string.codePointAt(j) === ANSI.LETTER_M) {
				index = j + 1;
				continue;
			}

			break;
		}

		return index;
	}

	function trailingSgrSpanStartIndex(string) {
		let start = string.length;
		while (start > 1 && string.codePointAt(start - 1) === ANSI.LETTER_M) {
			let j = start - 2;
			while (j >= 0 && isSgrParameter(string.codePointAt(j))) {
				j--;
			}

			if (j >= 1 && string.codePointAt(j - 1) === ANSI.ESC && string.codePointAt(j) === ANSI.LEFT_BRACKET) {
				start = j - 1;
				continue;
			}

			break;
		}

		return start;
	}

	function appendWithInheritedStyleFromEnd(visible, suffix) {
		const start = trailingSgrSpanStartIndex(visible);
		if (start === visible.length) {
			return visible + suffix;
		}

		return visible.slice(0, start) + suffix + visible.slice(start);
	}

	function prependWithInheritedStyleFromStart(prefix, visible) {
		const end = leadingSgrSpanEndIndex(visible);
		if (end === 0) {
			return prefix + visible;
		}

		return visible.slice(0, end) + prefix + visible.slice(end);
	}

	if (position === 'start') {
		if (preferTruncationOnSpace) {
			const nearestSpace = getIndexOfNearestSpace(text, length - columns + 1, true);
			const right = sliceAnsi(text, nearestSpace, length).trim();
			return prependWithInheritedStyleFromStart(truncationCharacter, right);
		}

		if (space) {
			truncationCharacter += ' ';
		}

		const right = sliceAnsi(text, length - columns + stringWidth(truncationCharacter), length);
		return prependWithInheritedStyleFromStart(truncationCharacter, right);
	}

	if (position === 'middle') {
		if (space) {
			truncationCharacter = ` ${truncationCharacter} `;
		}

		const half = Math.floor(columns / 2);

		if (preferTruncationOnSpace) {
			const spaceNearFirstBreakPoint = getIndexOfNearestSpace(text, half);
			const spaceNearSecondBreakPoint = getIndexOfNearestSpace(text, length - (columns - half) + 1, true);
			return sliceAnsi(text, 0, spaceNearFirstBreakPoint) + truncationCharacter + sliceAnsi(text, spaceNearSecondBreakPoint, length).trim();
		}

		return (
			sliceAnsi(text, 0, half)
			+ truncationCharacter
			+ sliceAnsi(text, length - (columns - half) + stringWidth(truncationCharacter), length)
		);
	}

	if (position === 'end') {
		if (preferTruncationOnSpace) {
			const nearestSpace = getIndexOfNearestSpace(text, columns - 1);
			const left = sliceAnsi(text, 0, nearestSpace);
			return appendWithInheritedStyleFromEnd(left, truncationCharacter);
		}

		if (space) {
			truncationCharacter = ` ${truncationCharacter}`;
		}

		const left = sliceAnsi(text, 0, columns - stringWidth(truncationCharacter));
		return appendWithInheritedStyleFromEnd(left, truncationCharacter);
	}

	throw new Error(`Expected \`options.position\` to be either \`start\`, \`middle\` or \`end\`, got ${position}`);
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
;// CONCATENATED MODULE: ./build/src/report/terminal.js
/**
 * The report for a terminal (the CLI): verdict, thresholds, endpoints, failures and facts as
 * aligned plain text within the given width, coloured (node:util styleText) only when asked.
 * Columns are measured in terminal cells (string-width: East Asian wide characters and emoji take
 * two). User-controlled text loses its control characters, so an endpoint name cannot move the
 * cursor or recolour the terminal.
 */











const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 60;
const terminal_MAX_ENDPOINT_ROWS = 50;
const terminal_MAX_FAILURE_ROWS = 10;
const terminal_MAX_COMPARISON_ROWS = 12;
const MAX_EXCEPTION_ROWS = 5;
const terminal_MAX_ERROR_CHARS = 2000;
const MAX_LABEL_WIDTH = 24;
const INDENT = '  ';
function renderTerminal(report, options = {}) {
    const width = Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH);
    // Whether to colour is the caller's decision (--no-color, NO_COLOR, a TTY), not the stream's.
    const paint = (text, style) => options.color && style && text !== '' ? (0,external_node_util_.styleText)(style, text, { validateStream: false }) : text;
    const context = { width, paint };
    const sections = [
        terminal_verdictSection(report, context),
        terminal_thresholdsSection(report.evaluation.results, context),
        terminal_comparisonSection(report, context)
    ];
    if (report.results) {
        sections.push(terminal_endpointsSection(report.results, context), terminal_failuresSection(report.results, context));
    }
    sections.push(terminal_factsSection(report, context));
    return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}
const VERDICT_MARKS = {
    passed: ['✔ PASSED', 'green'],
    inconclusive: ['? INCONCLUSIVE', 'yellow'],
    failed: ['✖ FAILED', 'red'],
    invalid: ['⊘ INVALID', 'red'],
    error: ['⚠ ERROR', 'yellow'],
    cancelled: ['■ CANCELLED', 'yellow']
};
/** A run stopped or unable to run has no verdict on its thresholds: its heading says only that. */
const WITHOUT_THRESHOLDS_SENTENCE = new Set(['error', 'cancelled']);
function terminal_verdictSection(report, context) {
    const { paint } = context;
    const [mark, style] = VERDICT_MARKS[report.verdict];
    const title = `${paint(mark, style)}  ${paint(verdictTitle(report), 'bold')}`;
    const lines = [
        WITHOUT_THRESHOLDS_SENTENCE.has(report.verdict)
            ? `${title}.`
            : `${title}: ${thresholdsSentence(report.evaluation.results)}`
    ];
    for (const note of validityNotes(report))
        lines.push(`${INDENT}${paint(`${note.label}:`, style)} ${oneLine(note.text)}`);
    if (report.error !== undefined) {
        // Lines after the first (log excerpts, tracebacks) keep their own lines and indentation.
        const [first, ...rest] = truncate(report.error, terminal_MAX_ERROR_CHARS).split(/\r?\n/);
        lines.push(`${paint('Error:', style)} ${oneLine(first)}`);
        for (const line of rest)
            lines.push(`${INDENT}${oneLine(line)}`);
    }
    if (report.partial)
        lines.push(`${paint('Partial results:', 'yellow')} ${PARTIAL_NOTE}`);
    const warning = failuresWarning(report);
    if (warning !== undefined)
        lines.push(`${paint('Warning:', 'yellow')} ${warning}`);
    if (!report.results)
        lines.push(NO_RESULTS_NOTE);
    else
        lines.push(headline(report.results.aggregate, (text) => paint(text, 'bold')));
    const rounds = roundsSentence(report, { text: oneLine, literal: oneLine });
    if (rounds !== undefined)
        lines.push(rounds);
    const [heading, ...details] = lines;
    return [
        wrap('', heading, context.width, INDENT),
        ...details.map((line) => wrap(INDENT, line, context.width, INDENT.repeat(2)))
    ].join('\n');
}
function terminal_thresholdsSection(results, context) {
    if (results.length === 0)
        return '';
    const rows = results.map((result) => {
        const family = (0,metrics/* metricFamily */.Xb)(result.rule.metric);
        return [
            terminal_VERDICT_CELLS[result.verdict],
            { text: oneLine(ruleLabel(result.rule)) },
            { text: formatValue(result.actual, family) },
            { text: formatLimit(result) }
        ];
    });
    const [header, ...lines] = table(['', 'Rule', 'Actual', 'Limit'], rows, THRESHOLD_ALIGNS, 1, context);
    // A reason is a sentence: it gets its own line under its rule rather than a cramped column.
    const withReasons = lines.flatMap((line, index) => {
        const reason = results[index].reason;
        return reason === undefined
            ? [line]
            : [
                line,
                context.paint(wrap(`${REASON_INDENT}↳ `, oneLine(reason), context.width, `${REASON_INDENT}  `), 'dim')
            ];
    });
    return section('Thresholds', [header, ...withReasons].join('\n'), context);
}
const terminal_VERDICT_CELLS = {
    pass: { text: '✔ pass', style: 'green' },
    fail: { text: '✖ fail', style: 'red' },
    inconclusive: { text: '? inconclusive', style: 'yellow' },
    skipped: { text: '- skip', style: 'yellow' },
    not_evaluated: { text: '– not evaluated', style: 'yellow' }
};
const THRESHOLD_ALIGNS = ['left', 'left', 'right', 'right'];
const REASON_INDENT = ' '.repeat(INDENT.length + '✖ fail'.length + 2);
const CHANGE_STYLES = {
    worse: 'red',
    better: 'green',
    same: undefined,
    unknown: 'dim'
};
function terminal_comparisonSection(report, context) {
    const title = 'Compared with the baseline';
    if (!report.comparison) {
        if (report.baselineNote === undefined)
            return '';
        return section(title, wrap(INDENT, oneLine(report.baselineNote), context.width, INDENT), context);
    }
    const { comparison } = report;
    const shown = comparison.rows.slice(0, terminal_MAX_COMPARISON_ROWS);
    const rows = shown.map((row) => {
        const cells = comparisonCells(row);
        return [
            { text: oneLine(cells.label) },
            { text: cells.metric },
            { text: cells.baseline },
            { text: cells.current },
            { text: cells.delta },
            { text: cells.deltaPercent },
            { text: cells.trend, style: CHANGE_STYLES[row.change] }
        ];
    });
    const source = comparison.baselineRunId === undefined ? '' : ` (run ${oneLine(comparison.baselineRunId)})`;
    const lines = [
        wrap(INDENT, `${oneLine(comparison.baselineSource)}${source}: ${comparisonSentence(comparison)}`, context.width, INDENT.repeat(2)),
        ...table(['Endpoint', 'Metric', 'Baseline', 'Now', 'Δ', 'Δ %', 'Change'], rows, ['left', 'left', 'right', 'right', 'right', 'right', 'left'], 0, context, 
        // Δ % carries the interval; the plain Δ goes first when 80 columns cannot hold both.
        [4])
    ];
    if (shown.length < comparison.rows.length) {
        lines.push(context.paint(`${INDENT}Showing ${formatCount(shown.length)} of ${formatCount(comparison.rows.length)} figures (regressions first); all of them are in results.json.`, 'dim'));
    }
    return section(title, lines.join('\n'), context);
}
function terminal_endpointsSection(results, context) {
    const ordered = orderEndpoints(results.endpoints);
    const shown = ordered.slice(0, terminal_MAX_ENDPOINT_ROWS);
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
    const lines = table(header, rows, aligns, 1, context, ENDPOINT_OPTIONAL_COLUMNS);
    if (shown.length < ordered.length) {
        lines.push(context.paint(wrap(INDENT, `Showing ${formatCount(shown.length)} of ${formatCount(ordered.length)} endpoints (failing first, then the busiest); all of them are in results.json.`, context.width, INDENT), 'dim'));
    }
    const group = changingIds(results.endpoints);
    if (group !== undefined)
        lines.push(`${INDENT}${oneLine(changingIdsAdvice(group))}`);
    return section('Endpoints', lines.join('\n'), context);
}
/** Columns an endpoint table leaves out, in this order, when its figures alone are too wide. */
const ENDPOINT_OPTIONAL_COLUMNS = [7, 8]; // Avg, then Max
function endpointCells(stats, isTotal) {
    const style = isTotal ? 'bold' : undefined;
    const failures = stats.failures > 0
        ? `${formatCount(stats.failures)} (${formatValue(failRatio(stats), 'ratio')})`
        : '0';
    return [
        { text: isTotal ? '' : oneLine(stats.method) },
        { text: isTotal ? 'Aggregated' : oneLine(stats.name), style },
        { text: formatCount(stats.requests), style },
        { text: failures, style: stats.failures > 0 ? 'red' : style },
        { text: formatValue(stats.medianMs, 'time'), style },
        { text: formatValue(percentileMs(stats, 95), 'time'), style },
        { text: formatValue(percentileMs(stats, 99), 'time'), style },
        { text: formatValue(stats.avgMs, 'time'), style },
        { text: formatValue(stats.maxMs, 'time'), style },
        { text: formatValue(stats.rps, 'rate'), style }
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
    const labelWidth = Math.max(...items.map(([label]) => stringWidth(label)));
    const hanging = ' '.repeat(INDENT.length + labelWidth + 2);
    const lines = items.map(([label, value]) => wrap(`${INDENT}${context.paint(padEnd(label, labelWidth), 'dim')}  `, value, context.width, hanging));
    return section('Run', lines.join('\n'), context);
}
function section(title, body, context) {
    return `${context.paint(title, 'bold')}\n${body}`;
}
const GAP = '  ';
/** A name or rule wrapped into a column narrower than this reads badly: it gets lines of its own. */
const MIN_FLEX_WIDTH = 24;
/**
 * Aligned columns, the header first; each row is one string. When the table is wider than the
 * terminal, the flexible column (a name or a rule, never cut) wraps within the room left; when
 * that room is too narrow, each row's cells up to it go on a line of their own, above its other
 * cells, left out of which are the columns named in `optional` (in their order) while they are
 * still too wide. Colour is applied after padding so escape sequences never skew alignment.
 */
function table(header, rows, aligns, flexColumn, context, optional = []) {
    const headerCells = header.map((text) => ({ text, style: 'dim' }));
    const all = [headerCells, ...rows];
    const widths = header.map((_, column) => Math.max(...all.map((row) => stringWidth(row[column].text))));
    const widthOf = (columns) => INDENT.length +
        columns.reduce((sum, column) => sum + widths[column], 0) +
        GAP.length * (columns.length - 1);
    const everyColumn = header.map((_, column) => column);
    const room = context.width - (widthOf(everyColumn) - widths[flexColumn]);
    if (room >= Math.min(widths[flexColumn], MIN_FLEX_WIDTH)) {
        widths[flexColumn] = Math.min(widths[flexColumn], room);
        return all.map((row) => alignedRow(row, everyColumn, widths, aligns, flexColumn, context));
    }
    let figures = everyColumn.filter((column) => column > flexColumn);
    for (const column of optional) {
        if (widthOf(figures) <= context.width)
            break;
        figures = figures.filter((kept) => kept !== column);
    }
    const named = everyColumn.filter((column) => column <= flexColumn);
    return [
        alignedRow(headerCells, figures, widths, aligns, -1, context),
        ...rows.map((row) => {
            const name = named
                .map((column) => row[column])
                .filter((cell) => cell.text !== '')
                .map((cell) => context.paint(cell.text, cell.style))
                .join(' ');
            return [
                wrap(INDENT, name, context.width, INDENT.repeat(2), true),
                alignedRow(row, figures, widths, aligns, -1, context)
            ].join('\n');
        })
    ];
}
/** One row's cells of `columns`, padded to `widths`; the flexible cell wraps within its width. */
function alignedRow(row, columns, widths, aligns, flexColumn, context) {
    const last = columns[columns.length - 1];
    const cellLines = columns.map((column) => column === flexColumn
        ? wrapAnsi(row[column].text, widths[column], { hard: true }).split('\n')
        : [row[column].text]);
    const height = Math.max(...cellLines.map((lines) => lines.length));
    return Array.from({ length: height }, (_, line) => {
        const cells = columns.map((column, index) => {
            const text = cellLines[index][line] ?? '';
            const width = widths[column];
            // A left-aligned last column is not padded: no trailing spaces, coloured or not.
            const padded = aligns[column] === 'right'
                ? padStart(text, width)
                : column === last
                    ? text
                    : padEnd(text, width);
            return context.paint(padded, row[column].style);
        });
        return `${INDENT}${cells.join(GAP)}`.trimEnd();
    }).join('\n');
}
/**
 * `prefix` then `text` wrapped at spaces to `width` columns, later lines indented by `indent`; a
 * word longer than a line (a URL) is kept whole, unless `breakWords`.
 */
function wrap(prefix, text, width, indent, breakWords = false) {
    // The text's own leading spaces (a traceback's indentation) stay with its first line.
    const [, leading, body] = /^( *)(.*)$/s.exec(text);
    const first = prefix + leading;
    const room = Math.max(1, width - Math.max(stringWidth(first), stringWidth(indent)));
    const lines = wrapAnsi(body, room, { hard: breakWords }).split('\n');
    return lines.map((line, index) => (index === 0 ? first : indent) + line).join('\n');
}
/** Cuts text to at most maxWidth terminal columns, "…" marking the cut. */
function fit(text, maxWidth) {
    return cliTruncate(text, maxWidth, { position: 'end' });
}
function padEnd(text, width) {
    return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}
function padStart(text, width) {
    return ' '.repeat(Math.max(0, width - stringWidth(text))) + text;
}

;// CONCATENATED MODULE: ./build/src/report/calibration.js


function calibration_valueOf(band) {
    return formatValue(band.value, band.metric === 'rps' ? 'rate' : 'time');
}
function percent(ratio) {
    return `${(Math.abs(ratio - 1) * 100).toFixed(1)} %`;
}
function spreadOf(band) {
    return band.band === null ? 'unknown' : `±${percent(band.band.high)}`;
}
function factor(ratio) {
    return ratio === null ? 'n/a' : `×${ratio.toFixed(2)}`;
}
function intro(calibration) {
    return (`${formatCount(calibration.rounds)} A/A rounds of ${formatSeconds(calibration.roundSeconds)} ` +
        `paired among themselves (${formatCount(calibration.pairs)} ${calibration.pairs === 1 ? 'pair' : 'pairs'}); a gate of ` +
        `${formatCount(calibration.gateRounds)} paired rounds at confidence ${calibration.confidence}. ` +
        `"A/A pair" is the ratio two rounds of identical code fall within; "passes" the smallest ` +
        `tolerance identical code passes 80 % of the time; "catches" the smallest slowdown caught 80 % of ` +
        `the time under it.`);
}
function runTimeAdvice(calibration) {
    const seconds = calibration.suggestedRoundSeconds;
    return seconds > calibration.roundSeconds
        ? `Each round's own sampling noise dominates: rounds of ${formatSeconds(seconds)} (run-time) narrow the band.`
        : `The spread between rounds dominates: longer rounds will not help much; more rounds will.`;
}
function calibrationMarkdown(calibration) {
    if (calibration.problem !== undefined) {
        return `## Calibration\n\n${markdownText(calibration.problem)}\n`;
    }
    const rows = calibration.bands.map((band) => `| ${tableCode(band.label)} | ${band.metric} | ${calibration_valueOf(band)} | ${spreadOf(band)} | ` +
        `${factor(band.tolerance)} | ${factor(band.detectable)} |`);
    return [
        '## Calibration',
        '',
        markdownText(intro(calibration), 1000),
        '',
        '| Endpoint | Figure | Value | A/A pair | Passes | Catches |',
        '| :-- | :-- | --: | --: | --: | --: |',
        ...rows,
        '',
        'Suggested rules:',
        '',
        '```',
        ...calibration.suggestedRules,
        '```',
        '',
        `${markdownText(runTimeAdvice(calibration))} Use the rules with ${inlineCode(`rounds: ${calibration.gateRounds}`)}.`,
        ''
    ].join('\n');
}
/** Plain lines, at most `width` columns (names cut with an ellipsis). */
function calibrationText(calibration, width = 80) {
    if (calibration.problem !== undefined)
        return `Calibration: ${calibration.problem}`;
    const nameWidth = Math.max(12, width - 56);
    const cut = (text) => text.length > nameWidth ? `${text.slice(0, nameWidth - 1)}…` : text.padEnd(nameWidth);
    const header = `${'Endpoint'.padEnd(nameWidth)}  ${'Figure'.padEnd(6)} ${'Value'.padStart(11)} ` +
        `${'A/A pair'.padStart(9)} ${'Passes'.padStart(7)} ${'Catches'.padStart(8)}`;
    const lines = calibration.bands.map((band) => `${cut(band.label)}  ${band.metric.padEnd(6)} ${calibration_valueOf(band).padStart(11)} ` +
        `${spreadOf(band).padStart(9)} ${factor(band.tolerance).padStart(7)} ` +
        `${factor(band.detectable).padStart(8)}`);
    return [
        'Calibration',
        calibration_wrap(intro(calibration), width),
        '',
        header,
        ...lines,
        '',
        'Suggested rules:',
        ...calibration.suggestedRules.map((rule) => `  ${rule}`),
        calibration_wrap(`${runTimeAdvice(calibration)} Use the rules with --rounds ${calibration.gateRounds} (rounds: ${calibration.gateRounds}).`, width)
    ].join('\n');
}
function calibration_wrap(text, width) {
    const lines = [];
    let line = '';
    for (const word of text.split(' ')) {
        if (line && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        }
        else
            line = line ? `${line} ${word}` : word;
    }
    if (line)
        lines.push(line);
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./build/src/thresholds/calibrate.js
/**
 * `calibrate` (issue 19): what A/A rounds against one target say about the noise a paired gate
 * will see, the smallest slowdown it can catch, and the rules and run time to write. Pure: the
 * rounds come read and pooled (./round-figures.ts); docs/thresholds.md ("Calibrate") explains it.
 *
 * Consecutive rounds are paired among themselves (1 with 2, 3 with 4, …) like a baseline and a
 * candidate measured one after the other. Identical code makes each pair's log ratio d_j a draw of
 * the A/A noise with mean 0, so its spread is σ² = Σ d_j² / P with P degrees of freedom (P pairs),
 * never below the pairs' own sampling noise. A gate of R paired rounds bounds the mean log ratio
 * within about t_{c,R−1} · σ / √R; identical code then passes `* f` with probability ≈ power when
 * log f ≥ (t_{c,R−1} + z_power) · σ / √R, and a slowdown ρ is caught with that probability when
 * log ρ ≥ log f + (t_{c,R−1} + z_power) · σ / √R.
 */






/** The figures whose noise is measured, per endpoint and overall. */
const CALIBRATED_METRICS = [
    { kind: 'percentile', quantile: 50 },
    { kind: 'percentile', quantile: 95 },
    { kind: 'percentile', quantile: 99 },
    { kind: 'rps' }
];
/** The probability that the suggested tolerance passes identical code (and catches its slowdown). */
const CALIBRATION_POWER = 0.8;
/** Tolerances are suggested in steps of this (×1.05, ×1.10, …): a rule people read and keep. */
const TOLERANCE_STEP = 0.05;
/** A/A rounds of one target → the noise band, the detectable slowdown and suggestions. */
function calibrate(rounds, options) {
    const { confidence, gateRounds } = options;
    const pairs = Math.floor(rounds.candidate.length / 2);
    const base = {
        rounds: rounds.candidate.length,
        pairs,
        roundSeconds: rounds.roundSeconds,
        gateRounds,
        confidence
    };
    if (pairs === 0) {
        return {
            ...base,
            bands: [],
            suggestedRules: [],
            suggestedRoundSeconds: rounds.roundSeconds,
            problem: `${rounds.candidate.length} complete round: calibrating needs at least 2 (4 or more give a useful band)`
        };
    }
    const labels = [
        'Aggregated',
        ...rounds.candidatePooled.endpoints.map((endpoint) => (0,model/* endpointLabel */.m)(endpoint))
    ];
    const bands = labels.flatMap((label) => CALIBRATED_METRICS.map((metric) => bandOf(label, metric, rounds, options)));
    const p95 = bands.filter((band) => band.metric === 'p95' && band.tolerance !== null);
    const suggestedRules = p95.map((band) => {
        const quoted = band.label.replace(/[\\"]/g, (character) => `\\${character}`);
        const selector = band.label === 'Aggregated' ? '' : `"${quoted}": `;
        return `${selector}p95 < baseline * ${band.tolerance.toFixed(2)}`;
    });
    const sampling = p95.map((band) => band.withinShare ?? 0);
    const dominatedBySampling = sampling.length > 0 && sampling.reduce((sum, share) => sum + share, 0) / sampling.length > 0.5;
    return {
        ...base,
        bands,
        suggestedRules,
        // Twice the requests halve a round's sampling variance; the spread between rounds stays.
        suggestedRoundSeconds: dominatedBySampling ? rounds.roundSeconds * 2 : rounds.roundSeconds
    };
}
function statsIn(figures, label) {
    return label === 'Aggregated'
        ? figures.aggregate
        : figures.endpoints.find((endpoint) => (0,model/* endpointLabel */.m)(endpoint) === label);
}
function bandOf(label, metric, rounds, options) {
    const z = (0,statistics/* zOf */._6)(options.confidence);
    const pooled = statsIn(rounds.candidatePooled, label);
    const value = pooled ? (0,evaluate/* metricValue */.a3)(metric, pooled) : null;
    const unknown = {
        label,
        metric: (0,metrics/* metricName */.Kh)(metric),
        value,
        pairSd: null,
        withinShare: null,
        band: null,
        tolerance: null,
        detectable: null
    };
    const logs = rounds.candidate.map((round) => {
        const stats = statsIn(round, label);
        const roundValue = stats ? (0,evaluate/* metricValue */.a3)(metric, stats) : null;
        if (!stats || roundValue === null || roundValue <= 0)
            return null;
        const log = (0,statistics/* toLog */.gY)((0,estimates/* estimateOf */.q)(metric, stats, roundValue, options.confidence));
        return { centre: log.centre, variance: (0,thresholds_rounds/* varianceOf */.FD)(log, z) };
    });
    const differences = [];
    for (let j = 0; j + 1 < logs.length; j += 2) {
        const [a, b] = [logs[j], logs[j + 1]];
        if (!a || !b || !Number.isFinite(a.variance + b.variance))
            return unknown;
        differences.push({ d: b.centre - a.centre, variance: a.variance + b.variance });
    }
    const p = differences.length;
    const within = differences.reduce((sum, pair) => sum + pair.variance, 0) / p;
    const observed = differences.reduce((sum, pair) => sum + pair.d ** 2, 0) / p;
    const variance = Math.max(observed, within);
    const pairSd = Math.sqrt(variance);
    const r = options.gateRounds;
    // The gate's bound on its mean log ratio, and what passing and catching with the power take.
    const margin = ((r > 1 ? (0,statistics/* tOf */.Sr)(options.confidence, r - 1) : z) + (0,statistics/* zOf */._6)(CALIBRATION_POWER)) *
        (pairSd / Math.sqrt(r));
    const tolerance = Math.ceil((Math.exp(margin) - 1) / TOLERANCE_STEP - 1e-9) * TOLERANCE_STEP + 1;
    return {
        ...unknown,
        pairSd,
        withinShare: variance > 0 ? within / variance : 1,
        band: { low: Math.exp(-z * pairSd), high: Math.exp(z * pairSd) },
        tolerance: Math.max(1 + TOLERANCE_STEP, tolerance),
        detectable: Math.max(1 + TOLERANCE_STEP, tolerance) * Math.exp(margin)
    };
}

;// CONCATENATED MODULE: ./build/src/run/calibration.js
/**
 * A results folder of A/A rounds calibrated (../thresholds/calibrate.ts), for the CLI's
 * `calibrate` and the action's `mode: calibrate`: read, computed and rendered, or why not.
 */







/** Where a calibration is written, beside the rounds it comes from (and in the action's artifact). */
const CALIBRATION_FILE = 'calibration.md';
/** Writes the calibration's markdown into the results folder; returns the file's path. */
async function writeCalibrationFile(resultsDir, markdown) {
    const path = (0,external_node_path_.join)(resultsDir, CALIBRATION_FILE);
    await (0,promises_.writeFile)(path, markdown);
    return path;
}
/** Paired rounds the gate is assumed to run when nothing says otherwise. */
const DEFAULT_GATE_ROUNDS = 3;
/** Whether the run is `mode: calibrate`. */
function isCalibration(config) {
    return config.rounds?.calibrate === true;
}
/**
 * A calibration compares no versions: its baseline rules are left out (`ignored` says so when
 * some were given). Its absolute rules, and the `fail_ratio < 1%` guard when none checks failures,
 * are judged as usual: the noise of a target that fails its requests is not the service's.
 */
function calibrationRun(config) {
    const absolute = config.thresholds.filter((rule) => rule.baseline === undefined);
    const count = config.thresholds.length - absolute.length;
    return {
        config: { ...config, thresholds: absolute },
        ...(count === 0
            ? {}
            : {
                ignored: `mode: calibrate compares no versions: the ${count} baseline rule${count === 1 ? ' is' : 's are'} not judged in this run (its absolute rules are).`
            })
    };
}
async function calibrateFolder(resultsDir, options) {
    const read = await readRounds(resultsDir);
    if (read === undefined) {
        return {
            problem: `No ${ROUNDS_FILE} in ${resultsDir}: calibrate reads a run of several rounds against one target`
        };
    }
    if ('problem' in read)
        return read;
    const figures = (0,round_figures/* roundsFigures */.hc)(read);
    if (figures === null)
        return { problem: `No complete round in ${resultsDir} to calibrate from` };
    const calibration = calibrate(figures, options);
    if (calibration.problem !== undefined) {
        return { problem: `Cannot calibrate from ${resultsDir}: ${calibration.problem}` };
    }
    return {
        calibration,
        markdown: calibrationMarkdown(calibration),
        text: calibrationText(calibration, options.width ?? 80)
    };
}
/** The rounds a `mode: calibrate` run left in its results folder, calibrated at its confidence. */
function calibrateRunFolder(config, options) {
    return calibrateFolder(config.resultsDir, {
        confidence: config.confidence ?? evaluate/* DEFAULT_CONFIDENCE */.FH,
        ...options
    });
}

;// CONCATENATED MODULE: ./build/src/report/sentences.js

/**
 * One sentence naming each rule that kept the gate shut (failed, or not evaluated) with its
 * measured value or the reason, for the step's failure message.
 */
function failedRulesSentence(evaluation) {
    const shut = evaluation.results.filter((result) => result.verdict === 'fail' || result.verdict === 'not_evaluated');
    const details = shut.map((result) => {
        const measured = result.verdict === 'not_evaluated'
            ? `not evaluated: ${result.reason ?? 'not measured'}`
            : `actual ${formatMetricValue(result.rule.metric, result.actual)}`;
        const label = result.rule.isDefault
            ? `${describeRule(result.rule)}, the default`
            : describeRule(result.rule);
        return `${label} (${measured})`;
    });
    const failed = shut.filter((result) => result.verdict === 'fail').length;
    const what = failed === shut.length
        ? 'failed'
        : failed === 0
            ? 'were not evaluated'
            : 'failed or were not evaluated';
    return `${shut.length} of ${evaluation.results.length} thresholds ${what}: ${details.join('; ')}`;
}
/** The step log's one sentence on a run's verdict (the failure message when the step fails). */
function verdictSentence(report) {
    const { results } = report.evaluation;
    switch (report.verdict) {
        case 'cancelled':
            // The backend says what it stopped ("every task was stopped"); that is worth more.
            return report.error ?? 'The load test was cancelled; the results so far are reported.';
        case 'error':
            return report.error ?? 'The load test did not complete.';
        case 'failed':
            return report.facts.aborted === undefined
                ? failedRulesSentence(report.evaluation)
                : `The run was ${report.facts.aborted.message}. ${failedRulesSentence(report.evaluation)}`;
        case 'inconclusive': {
            const undecided = results.filter((result) => result.verdict === 'inconclusive');
            const names = undecided.map((result) => describeRule(result.rule)).join(', ');
            return `${undecided.length} of ${results.length} thresholds inconclusive (${names}): the data cannot tell the change from noise; the rest held.`;
        }
        case 'invalid': {
            const [first, ...more] = report.unfitReasons ?? [];
            const others = more.length === 0 ? '' : ` (and ${more.length} more reason(s) in the report)`;
            return `The run is unfit to judge: ${first ?? 'see the report'}${others}`;
        }
        case 'passed': {
            const count = (verdict) => results.filter((result) => result.verdict === verdict).length;
            const skipped = count('skipped');
            const skippedNote = skipped === 0 ? '' : `, ${skipped} skipped (no baseline to compare)`;
            return `${count('pass')} of ${results.length} thresholds held${skippedNote}.`;
        }
    }
}
/** Why a verdict that fails by default let the step pass: the input that says so. */
function policyNote(verdict) {
    switch (verdict) {
        case 'failed':
            return '(fail-on-threshold is false, so the step passes.)';
        case 'inconclusive':
            return '(on-inconclusive is pass, so the step passes.)';
        case 'invalid':
            return '(on-invalid is pass, so the step passes.)';
        default:
            return '';
    }
}
/**
 * A one-line progress report:
 * "42s / 60s · 20 users · 2 workers · 512.3 req/s · p95 120 ms · 0.5% failed (106)".
 */
function progressLine(progress) {
    const parts = [`${Math.round(progress.elapsedSeconds)}s / ${Math.round(progress.totalSeconds)}s`];
    if (progress.users !== undefined)
        parts.push(`${progress.users} users`);
    if (progress.workers !== undefined)
        parts.push(`${progress.workers} workers`);
    if (progress.rps !== undefined)
        parts.push(`${progress.rps.toFixed(1)} req/s`);
    if (progress.p95Ms !== undefined)
        parts.push(`p95 ${progress.p95Ms} ms`);
    if (progress.failRatio !== undefined) {
        const count = progress.failures === undefined ? '' : ` (${progress.failures})`;
        parts.push(`${(progress.failRatio * 100).toFixed(1)}% failed${count}`);
    }
    if (progress.message)
        parts.push(progress.message);
    return parts.join(' · ');
}

;// CONCATENATED MODULE: ./build/src/run/progress.js
/** Where progress is logged line by line (step log, a pipe), one line per this long at most. */
const PROGRESS_LOG_INTERVAL_MS = 10_000;
/** Calls `action` at most once per `intervalMs`, so long runs do not flood a log. */
function throttled(intervalMs, action, now = Date.now) {
    let last = -Infinity;
    return (value) => {
        const at = now();
        if (at - last < intervalMs)
            return;
        last = at;
        action(value);
    };
}

;// CONCATENATED MODULE: ./build/src/cli/console.js
/**
 * What the CLI shows while a run goes on: log lines, and a progress line that is redrawn in place
 * on a terminal and printed now and then otherwise (CI logs, pipes).
 */




/** Exit codes of the CLI's own failures; a run's exit code is its outcome's (../report/outcome.ts). */
const EXIT = { passed: 0, error: 2 };
const NO_COLOR_OPTION = [
    '--no-color',
    'plain text without ANSI colours (also when NO_COLOR is set)'
];
/** Colours on a terminal, unless --no-color or NO_COLOR asks for plain text. */
function wantsColor(colorFlag, environment) {
    return colorFlag !== false && Boolean(environment.stdout.isTTY) && !environment.env.NO_COLOR;
}
const CLEAR_LINE = '\r\u001b[2K';
class RunConsole {
    output;
    shownProgress = '';
    /** On a pipe, a progress line now and then. */
    plainProgress;
    constructor(output, now = Date.now) {
        this.output = output;
        this.plainProgress = throttled(PROGRESS_LOG_INTERVAL_MS, (line) => this.output.write(`${line}\n`), now);
    }
    /** A log line; on a terminal it is printed above the progress line, which stays last. */
    log(text) {
        const line = plainText(text);
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
            // One column short of the edge, so the terminal never wraps the line it redraws.
            this.shownProgress = cliTruncate(line, columns - 1);
            this.output.write(`${CLEAR_LINE}${this.shownProgress}`);
            return;
        }
        this.plainProgress(line);
    }
    /** Removes the progress line before the report is printed. */
    finish() {
        if (this.output.isTTY && this.shownProgress !== '')
            this.output.write(CLEAR_LINE);
        this.shownProgress = '';
    }
}

;// CONCATENATED MODULE: ./build/src/inputs/files.js


/** The real file system, for the action and the CLI to hand to parseInputs. */
const nodeFiles = {
    kind(path) {
        return kindOf(path);
    },
    read(path, maxBytes) {
        const file = (0,external_node_fs_.openSync)(path, 'r');
        try {
            // One byte more than allowed tells a file at the limit from a larger one.
            const buffer = Buffer.alloc(maxBytes + 1);
            let length = 0;
            while (length < buffer.length) {
                const read = (0,external_node_fs_.readSync)(file, buffer, length, buffer.length - length, null);
                if (read === 0)
                    break;
                length += read;
            }
            return length > maxBytes ? undefined : buffer.toString('utf8', 0, length);
        }
        finally {
            (0,external_node_fs_.closeSync)(file);
        }
    },
    entries: entriesOf,
    prepareFolder(path) {
        // Created one level at a time: a recursive mkdir spins without end under /proc.
        const missing = [];
        let existing = path;
        while (kindOf(existing) === 'missing' && (0,external_node_path_.dirname)(existing) !== existing) {
            missing.unshift(existing);
            existing = (0,external_node_path_.dirname)(existing);
        }
        if (kindOf(existing) !== 'directory')
            return `${existing} is not a folder`;
        try {
            for (const folder of missing)
                (0,external_node_fs_.mkdirSync)(folder);
            (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.W_OK);
            return undefined;
        }
        catch (error) {
            const { code } = error;
            return `${path} cannot be ${missing.length > 0 ? 'created' : 'written to'} (${code ?? error.message})`;
        }
    }
};
function entriesOf(path) {
    try {
        return (0,external_node_fs_.readdirSync)(path);
    }
    catch {
        return undefined;
    }
}
function kindOf(path) {
    try {
        const info = (0,external_node_fs_.statSync)(path);
        return info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'other';
    }
    catch {
        return 'missing'; // also ENOTDIR (/dev/null/x): the file in the way is found one level up
    }
}

;// CONCATENATED MODULE: ./build/src/cli/spec-options.js
/**
 * Commander options generated from the input spec (src/inputs/spec.ts), and the raw inputs read
 * back from what commander parsed: the one place that maps flags to inputs, for every command.
 */






/** The inputs the CLI has a flag for. */
const FLAGGED_INPUTS = INPUTS.filter((spec) => spec.cli !== undefined);
/**
 * Adds an option per input to `command`, under the help heading `helpGroup` gives, and returns
 * the reader that turns commander's parsed values into raw inputs keyed by input name.
 */
function addInputOptions(command, inputs, helpGroup = () => undefined) {
    const options = inputs.map((spec) => {
        const option = new Option(spec.cli.flags, cliHelp(spec));
        const group = helpGroup(spec);
        if (group)
            option.helpGroup(group);
        if (spec.cli.repeatable) {
            option.argParser((value, previous = []) => [...previous, value]);
        }
        command.addOption(option);
        return { spec, option };
    });
    return (values) => {
        const given = options.map(({ spec, option }) => ({
            spec,
            value: values[option.attributeName()]
        }));
        const raw = Object.fromEntries(given.map(({ spec, value }) => {
            // A switch such as --assign-public-ip feeds its input the words the action accepts.
            const text = typeof value === 'boolean' ? String(value) : value;
            return [spec.name, Array.isArray(text) ? text.join('\n') : text];
        }));
        const emptyFlags = given
            .filter(({ value }) => value === '' || (Array.isArray(value) && value.includes('')))
            .map(({ spec }) => spec.name);
        return { raw, emptyFlags };
    };
}
/**
 * Parses what the flags gave with `parse`, refusing flags given an empty value. On bad input it
 * writes every problem under `heading`, each naming its option ("option --run-time (-t): …"),
 * and returns undefined; other errors are thrown.
 */
function parseFlagValues({ raw, emptyFlags }, parse, context, heading) {
    const { cwd, env, stderr, flagOf } = context;
    const label = (input) => `option ${flagOf(input)}`;
    try {
        if (emptyFlags.length > 0) {
            throw new InputError(emptyFlags.map((input) => ({
                input,
                message: `${label(input)}: got nothing; give it a value, or leave the flag out for its default.`
            })));
        }
        return parse(raw, { cwd, env, files: nodeFiles, displayName: flagOf, label });
    }
    catch (error) {
        if (!(error instanceof InputError))
            throw error;
        stderr.write(plainText(`${heading}\n${error.message}\n(add --help for usage)\n`));
        return undefined;
    }
}
/** The `--confidence` option of the commands that judge without running, read as the spec reads it. */
function readConfidenceOption(given) {
    const problems = [];
    const confidence = inputReader({ confidence: given }, problems, (input) => `option --${input}`).number('confidence');
    if (confidence === undefined || problems.length > 0) {
        return { problem: problems.map((problem) => problem.message).join('\n') };
    }
    return confidence;
}

;// CONCATENATED MODULE: ./build/src/cli/doctor-command.js





/** The run's inputs the doctor weighs the backend against, besides the backend's own. */
const RUN_INPUTS = ['workers', 'run-time', 'timeout-minutes'];
function addDoctorCommand(program, environment, flagOf, setExitCode) {
    const backend = doctorBackend();
    if (backend?.doctor === undefined)
        return;
    const { doctor } = backend;
    const command = program
        .command('doctor')
        .description(doctor.description)
        .addHelpText('after', fitHelp(doctor.help));
    const rawInputs = addInputOptions(command, doctorInputsOf(backend));
    command.option(...NO_COLOR_OPTION);
    command.action(async (values) => {
        const flags = rawInputs(values);
        const color = wantsColor(values.color, environment);
        setExitCode(await runDoctor(backend, flags, color, environment, flagOf));
    });
}
/** The inputs the doctor reads: the backend's own (less those no check reads) and the run's size. */
function doctorInputsOf(backend) {
    const unchecked = backend.doctor?.uncheckedInputs ?? [];
    return FLAGGED_INPUTS.filter((spec) => !unchecked.includes(spec.name) &&
        (spec.backend === backend.kind || RUN_INPUTS.includes(spec.name)));
}
/** Parses the doctor's options and runs its checks; the exit code (0, or 2 on an error). */
async function runDoctor(backend, flags, color, environment, flagOf) {
    const inputs = parseFlagValues(flags, (raw, context) => parseDoctorInputs(raw, context, backend), { ...environment, flagOf }, 'Invalid options.');
    if (inputs === undefined || backend.doctor === undefined)
        return 2;
    const findings = await backend.doctor.check({ settings: inputs.backend, workers: inputs.workers, timeoutMinutes: inputs.timeoutMinutes }, {
        env: environment.env,
        now: environment.now().getTime(),
        log: (line) => environment.stderr.write(`${line}\n`)
    });
    environment.stdout.write(renderFindings(findings, color));
    return findings.some((finding) => finding.level === 'error') ? 2 : 0;
}
/** The findings as text for a terminal, each problem followed by its fix. */
const MARK = { ok: 'ok     ', warning: 'WARNING', error: 'ERROR  ' };
const COLOUR = { ok: '32', warning: '33', error: '31' };
function renderFindings(findings, color) {
    const paint = (level, text) => color ? `\u001b[${COLOUR[level]}m${text}\u001b[0m` : text;
    const lines = findings.flatMap((finding) => [
        `${paint(finding.level, MARK[finding.level])}  ${finding.check}: ${finding.message}`,
        ...(finding.fix ? [`         fix: ${finding.fix}`] : [])
    ]);
    const count = (level) => findings.filter((finding) => finding.level === level).length;
    lines.push('', `${count('error')} error(s), ${count('warning')} warning(s), ${count('ok')} check(s) ok.`);
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./build/src/cli/deploy-command.js








/** The template this version ships (the package's cloudformation/template.yaml). */
const BUNDLED_TEMPLATE = (0,external_node_url_namespaceObject.fileURLToPath)(new URL(/* asset import */ __nccwpck_require__(2120), __nccwpck_require__.b));
const HELP = `
Deploys the stack the name gives (creating it if needed) from the template this version ships,
or --template: the template goes to S3 first (--template-bucket, or the stack's own bucket), so
CloudFormation's 51,200-byte limit on inline templates does not apply; a new stack without
--template-bucket gets the template inline. Then the doctor checks the stack for the run size given.

Example:
  $ distributed-locust deploy --stack-name distributed-locust --aws-region eu-west-1 \\
      --parameter VpcId=vpc-0123456789abcdef0 --parameter Subnets=subnet-0aaa,subnet-0bbb \\
      --parameter GitHubRepository=my-org/my-service -w 20 -t 30m`;
function addDeployCommand(program, environment, flagOf, setExitCode) {
    const backend = doctorBackend();
    if (backend?.doctor?.deploy === undefined)
        return;
    const command = program
        .command('deploy')
        .description('create or update the AWS stack through a change set, then run the doctor')
        .addHelpText('after', fitHelp(HELP));
    const rawInputs = addInputOptions(command, doctorInputsOf(backend));
    command
        .option('--template <file>', 'the CloudFormation template (default: the one this version ships)')
        .option('--template-bucket <bucket>', "S3 bucket to upload it to (default: the stack's own)")
        .option('--parameter <Key=Value>', 'a stack parameter (repeat it); on an update the others keep their values', (value, previous = []) => [...previous, value])
        .option(...NO_COLOR_OPTION);
    command.action(async (values) => {
        setExitCode(await runDeploy(values, rawInputs(values), environment, flagOf));
    });
}
async function runDeploy(values, flags, environment, flagOf) {
    const backend = doctorBackend();
    const say = (line) => environment.stderr.write(`${line}\n`);
    const parameters = parseParameters(values.parameter ?? []);
    if (typeof parameters === 'string') {
        say(`Invalid options.\n  ${parameters}`);
        return 2;
    }
    const inputs = parseFlagValues(flags, (raw, context) => parseDoctorInputs(raw, context, backend), { ...environment, flagOf }, 'Invalid options.');
    if (inputs === undefined)
        return 2;
    const templatePath = values.template ?? BUNDLED_TEMPLATE;
    let template;
    try {
        template = (0,external_node_fs_.readFileSync)(templatePath, 'utf8');
    }
    catch (error) {
        say(`Cannot read the template ${templatePath}: ${error.message}`);
        return 2;
    }
    const deployed = await backend.doctor.deploy({
        settings: inputs.backend,
        template,
        templateBucket: values.templateBucket,
        parameters
    }, {
        log: say,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        now: () => environment.now().getTime()
    });
    say(deployed.message);
    if (!deployed.ok)
        return 2;
    return runDoctor(backend, flags, wantsColor(values.color, environment), environment, flagOf);
}
/** `Key=Value` options as a map, or the problem with the first malformed one. */
function parseParameters(options) {
    const parameters = {};
    for (const option of options) {
        const match = /^([A-Za-z0-9]+)=(.*)$/s.exec(option);
        if (!match)
            return `option --parameter: got "${option}"; expected Key=Value, e.g. VpcId=vpc-0123`;
        parameters[match[1]] = match[2];
    }
    return parameters;
}

;// CONCATENATED MODULE: ./build/src/cli/baseline-command.js
/**
 * `distributed-locust baseline show | accept | reset`: keeps a local baseline store
 * (src/baseline/store.ts, docs/baselines.md) that `--baseline <store>` judges against.
 */








const DEFAULT_STORE = 'locust-baselines';
const EXAMPLES = `
Examples:
  $ distributed-locust baseline accept locust-results/2026-12-07T14-00-00   # after an intended change
  $ distributed-locust run -f locustfile.py --threshold "p95 < baseline * 1.1" --baseline locust-baselines
  $ distributed-locust baseline accept locust-results/2026-12-08T09-00-00 --append
  $ distributed-locust baseline show
  $ distributed-locust baseline reset

accept makes the run the new baseline: the history starts again from it (also a failed run: it is
slower on purpose); with --append it joins the history like a CI run on the base branch, kept to
the last --keep runs, and only a passed or inconclusive run may. A run that errored, was cancelled
or is unfit to judge never becomes a baseline. Exit codes: 0 done, 2 refused or unreadable.`;
const storeOption = () => new Option('--store <dir>', 'the baseline store folder').default(DEFAULT_STORE);
/** Adds the `baseline` command and its subcommands; `done` receives the exit code. */
function addBaselineCommand(program, environment, done) {
    const { stdout, stderr, cwd } = environment;
    const guarded = async (action) => {
        try {
            await action();
            done(EXIT.passed);
        }
        catch (error) {
            if (!(error instanceof BaselineError) && error.code === undefined)
                throw error;
            stderr.write(`${error.message}\n`);
            done(EXIT.error);
        }
    };
    const baseline = program
        .command('baseline')
        .description('show, accept or reset the runs a local baseline store keeps')
        .addHelpText('after', fitHelp(EXAMPLES));
    baseline
        .command('show')
        .description('list the runs of the baseline history, newest first')
        .addOption(storeOption())
        .action((options) => guarded(async () => {
        const store = (0,external_node_path_.resolve)(cwd, options.store);
        const entries = await readStore(store);
        if (entries.length === 0) {
            stdout.write(`No baseline in ${store} yet; accept a run with \`baseline accept\`.\n`);
            return;
        }
        stdout.write(`Baseline history in ${store}, newest first:\n`);
        for (const { file, baseline: run } of entries) {
            const facts = [
                run.verdict,
                run.accepted ? 'accepted as the new baseline' : undefined,
                run.runId === undefined ? undefined : `run ${run.runId}`,
                run.conditions?.users === undefined ? undefined : `${run.conditions.users} users`,
                run.conditions?.locustVersion === undefined
                    ? undefined
                    : `Locust ${run.conditions.locustVersion}`
            ].filter((fact) => fact !== undefined);
            stdout.write(`  ${file}  ${facts.join(', ')}\n`);
        }
    }));
    baseline
        .command('accept')
        .description("make a run's results the new baseline (or, with --append, add them)")
        .argument('<results>', "the run's results folder or its results.json")
        .addOption(storeOption())
        .option('--append', 'add the run to the history instead of restarting it from this run')
        .addOption(new Option('--keep <n>', `runs the history keeps with --append, 1 to ${MAX_HISTORY_SIZE}`)
        .default(String(DEFAULT_HISTORY_SIZE))
        .argParser((value) => {
        const keep = Number(value);
        if (!Number.isInteger(keep) || keep < 1 || keep > MAX_HISTORY_SIZE)
            throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_HISTORY_SIZE}.`);
        return value;
    }))
        .action((results, options) => guarded(async () => {
        const store = (0,external_node_path_.resolve)(cwd, options.store);
        const path = (0,external_node_path_.resolve)(cwd, results);
        const file = (await (0,promises_.stat)(path)).isDirectory() ? (0,external_node_path_.join)(path, 'results.json') : path;
        const name = await acceptIntoStore(store, file, {
            append: options.append === true,
            keep: Number(options.keep),
            now: environment.now()
        });
        stdout.write(options.append
            ? `Added ${file} to the baseline history in ${store} (${name}).\n`
            : `Accepted ${file} as the new baseline in ${store} (${name}); the history starts again from it.\n`);
    }));
    baseline
        .command('reset')
        .description('empty the store: baseline rules are skipped until a run is accepted')
        .addOption(storeOption())
        .action((options) => guarded(async () => {
        const store = (0,external_node_path_.resolve)(cwd, options.store);
        const removed = await resetStore(store);
        stdout.write(`Removed ${removed} run(s) from ${store}.\n`);
    }));
}

;// CONCATENATED MODULE: ./build/src/cli/calibrate-command.js
/**
 * `distributed-locust calibrate`: the noise band of A/A rounds against one target, the smallest
 * slowdown a paired gate can catch, and the rules and round length to write
 * (../thresholds/calibrate.ts). Either runs the rounds itself (the run's options, `--rounds`
 * default 5: `mode: calibrate`) or reads a folder of rounds run before (`--from <dir>`, or the
 * folder as the argument). Prints it, writes calibration.md beside the results and, in a GitHub
 * Actions job, appends it to the job summary. Exit 0 when calibrated, 2 otherwise (or the run's
 * own exit code when it did not end well).
 */









const MAX_GATE_ROUNDS = 20;
/**
 * Run options a calibration has no use for: it compares no versions (its own --confidence is the
 * gate's it calibrates for).
 */
const NOT_FOR_CALIBRATION = new Set([
    'mode',
    'baseline-host',
    'baseline',
    'confidence',
    'on-inconclusive'
]);
const calibrate_command_HELP = `
Without --from, it runs ${run_rounds/* CALIBRATION_ROUNDS */.ZK} (--rounds) A/A rounds of the locustfile against --host
(the options of \`run\`), then calibrates them. With --from (or the folder as the argument), it
reads ${ROUNDS_FILE} and the round folders of a run of rounds against one target (4 or more rounds
give a useful band). Consecutive rounds are paired among themselves like a baseline and a
candidate. Method: docs/thresholds.md#calibrate.

Examples:
  $ distributed-locust calibrate -f examples/locustfile.py -H http://127.0.0.1:8080 \\
      -u 20 -t 30s -w 2 --rounds 6 --warmup 5s
  $ distributed-locust calibrate --from locust-results/2026-12-07T17-00-00 --gate-rounds 3`;
function addCalibrateCommand(program, environment, runLoadTest, done) {
    const command = program
        .command('calibrate')
        .description('run A/A rounds against one target (or read them) and suggest the rules and run time of a paired gate')
        .argument('[results-dir]', `the same as --from`)
        .option('--from <dir>', `calibrate a results folder with ${ROUNDS_FILE} instead of running`)
        .option('--gate-rounds <n>', 'paired rounds the gate will run', String(DEFAULT_GATE_ROUNDS))
        .option('--confidence <c>', "confidence of the gate's verdicts (0.5–0.999)", '0.95')
        .option(...NO_COLOR_OPTION);
    const runInputs = FLAGGED_INPUTS.filter((spec) => !NOT_FOR_CALIBRATION.has(spec.name)).map((spec) => spec.name === 'rounds'
        ? {
            ...spec,
            cli: { ...spec.cli, help: 'A/A rounds to run', defaultNote: String(run_rounds/* CALIBRATION_ROUNDS */.ZK) }
        }
        : spec);
    const rawInputs = addInputOptions(command, runInputs, (spec) => spec.backend === undefined ? 'Run options:' : `With --backend ${spec.backend} only:`);
    command
        .addHelpText('after', fitHelp(calibrate_command_HELP))
        .action(async (argument, values) => {
        const options = values;
        const flags = rawInputs(options);
        const given = Object.entries(flags.raw).filter(([, value]) => value !== undefined);
        const from = options.from ?? argument;
        if (options.from !== undefined && argument !== undefined) {
            done(usageError(environment, 'give the folder once: either --from <dir> or the argument.'));
            return;
        }
        if (from !== undefined && given.length > 0) {
            const names = given.map(([name]) => name).join(', ');
            done(usageError(environment, `--from calibrates rounds run before, so the run's options (${names}) have nothing to do: leave them out, or leave out the folder to run new rounds.`));
            return;
        }
        const gateRounds = gateRoundsOf(options.gateRounds);
        if (typeof gateRounds === 'string') {
            done(usageError(environment, gateRounds));
            return;
        }
        if (from === undefined) {
            flags.raw.mode = 'calibrate';
            flags.raw.confidence = options.confidence;
            done(await runLoadTest(flags, wantsColor(options.color, environment), gateRounds));
            return;
        }
        done(await calibrateExisting((0,external_node_path_.resolve)(environment.cwd, from), options, gateRounds, environment));
    });
}
function usageError(environment, message) {
    environment.stderr.write(`Invalid options; nothing was calibrated.\n${message}\n(add --help for usage)\n`);
    return EXIT.error;
}
/** The number of paired rounds, or why it is not one. */
function gateRoundsOf(text) {
    const gateRounds = Number(text);
    if (!Number.isSafeInteger(gateRounds) || gateRounds < 1 || gateRounds > MAX_GATE_ROUNDS) {
        return `option --gate-rounds must be a whole number from 1 to ${MAX_GATE_ROUNDS}, got "${text}"`;
    }
    return gateRounds;
}
async function calibrateExisting(resultsDir, options, gateRounds, environment) {
    const confidence = readConfidenceOption(options.confidence);
    if (typeof confidence !== 'number')
        return usageError(environment, confidence.problem);
    const calibrated = await calibrateFolder(resultsDir, {
        confidence,
        gateRounds,
        width: environment.stdout.columns ?? 80
    });
    return writeCalibration(resultsDir, calibrated, environment);
}
/**
 * Prints a calibration and writes it to calibration.md in the results folder and to the job
 * summary (in GitHub Actions); a folder that cannot be calibrated is said on stderr (exit 2).
 */
async function writeCalibration(resultsDir, calibrated, environment) {
    const { stdout, stderr } = environment;
    if ('problem' in calibrated) {
        stderr.write(`${calibrated.problem}.\n`);
        return EXIT.error;
    }
    stdout.write(`${calibrated.text}\n`);
    const { markdown } = calibrated;
    const path = await writeCalibrationFile(resultsDir, markdown);
    const summary = environment.env.GITHUB_STEP_SUMMARY;
    if (summary)
        await (0,promises_.appendFile)(summary, `${markdown}\n`);
    stdout.write(`Calibration written to ${path}\n`);
    return EXIT.passed;
}

;// CONCATENATED MODULE: ./build/src/cli/report-command.js
/**
 * `distributed-locust report <results-dir>`: judges CSVs Locust already wrote (Locust 1.1 and
 * later, run by this tool or anywhere else) with the same thresholds, baseline and report as `run`.
 */















const report_command_EXAMPLES = `
Examples:
  $ distributed-locust report results/ --threshold "p95 < 500ms" --threshold "fail_ratio < 1%"
  $ distributed-locust report nightly/ --thresholds-file load/thresholds.txt \\
      --baseline last-week/results.json --threshold "p95 < baseline * 1.1" --out judged/

The folder holds Locust's <prefix>_stats.csv (and, when written, _stats_history.csv, _failures.csv,
_exceptions.csv). summary.md and results.json are written to --out (default: the results folder).
Exit codes (docs/outcomes.md): 0 passed (or inconclusive, let through), 1 a threshold failed,
2 usage error, no readable results or a --baseline with nothing at its path, 3 the run is unfit
to judge (a master.log or worker-N.log in the folder says Locust saturated its CPU; see
--on-invalid), 4 inconclusive under --on-inconclusive fail, 130/143 interrupted by SIGINT/SIGTERM.`;
/** Adds the `report` command; `done` receives its exit code. */
function addReportCommand(program, environment, done) {
    program
        .command('report')
        .description('judge a folder of existing Locust CSV results against thresholds and a baseline')
        .argument('<results-dir>', "folder holding Locust's CSV files")
        .addOption(new Option('--threshold <rule>', 'a pass/fail rule such as "p95 < 500ms"; repeat for more').argParser((value, previous = []) => [...previous, value]))
        .option('--thresholds-file <path>', 'a file of rules, one per line (# comments)')
        .option('--baseline <path>', 'a previous run\'s results.json (or its folder), for rules such as "p95 < baseline * 1.1"')
        .option('-o, --out <dir>', 'where summary.md and results.json go (default: <results-dir>)')
        .option('--prefix <prefix>', 'the CSV prefix, when the folder holds several runs')
        .option('--confidence <c>', "confidence of a baseline rule's verdict (0.5–0.999)", '0.95')
        .addOption(new Option('--on-inconclusive <what>', 'pass (with a warning) or fail when undecided')
        .choices(['pass', 'fail'])
        .default('pass'))
        .addOption(new Option('--on-invalid <fail|pass>', 'what a run unfit to judge does: fail (exit 3) or pass with a warning')
        .choices(['fail', 'pass'])
        .default('fail'))
        .option(...NO_COLOR_OPTION)
        .addHelpText('after', fitHelp(report_command_EXAMPLES))
        .action(async (resultsDir, options) => {
        done(await judgeExistingResults(resultsDir, options, environment));
    });
}
async function judgeExistingResults(resultsDirText, options, environment) {
    const { stdout, stderr, cwd } = environment;
    const resultsDir = (0,external_node_path_.resolve)(cwd, resultsDirText);
    const thresholds = readRules(options, cwd);
    if (thresholds instanceof Error) {
        stderr.write(`Invalid options; nothing was judged.\n${thresholds.message}\n(add --help for usage)\n`);
        return 2;
    }
    const confidence = readConfidenceOption(options.confidence);
    if (typeof confidence !== 'number') {
        stderr.write(`Invalid options; nothing was judged.\n${confidence.problem}\n(add --help for usage)\n`);
        return 2;
    }
    let prefix = options.prefix;
    try {
        prefix ??= await findCsvPrefix(resultsDir);
    }
    catch (error) {
        stderr.write(`${error.message}\n`);
        return 2;
    }
    const baseline = options.baseline === undefined
        ? undefined
        : await lookUpBaselineFile((0,external_node_path_.resolve)(cwd, options.baseline), '--baseline');
    if (baseline && 'note' in baseline)
        stderr.write(`${baseline.note}\n`);
    // The same facts as the backend that judges CSVs made elsewhere.
    const judging = backendFor('none');
    const concluded = await judgeResults({
        thresholds,
        facts: {
            backend: judging.kind,
            backendLabel: judging.label,
            locustRanElsewhere: true,
            users: 0,
            spawnRate: 0,
            workers: 0,
            runTimeSeconds: 0
        },
        baseline,
        resultsDir,
        confidence,
        policy: policyOf({
            onInconclusive: options.onInconclusive === 'fail' ? 'fail' : 'pass',
            onInvalid: options.onInvalid
        }),
        reportDir: options.out === undefined ? undefined : (0,external_node_path_.resolve)(cwd, options.out)
    }, { csvPrefix: prefix, partial: false, facts: await factsFromHistory(resultsDir, prefix) });
    const color = wantsColor(options.color, environment);
    stdout.write(`${renderTerminal(concluded.report, { color, width: stdout.columns })}\n`);
    stdout.write(`Report written to ${concluded.summaryPath} and ${concluded.resultsJsonPath}\n`);
    return concluded.report.outcome.exitCode;
}
/** The rules of --threshold then --thresholds-file, or an Error naming each problem. */
function readRules(options, cwd) {
    const sources = [{ origin: '--threshold', text: (options.threshold ?? []).join('\n') }];
    if (options.thresholdsFile !== undefined) {
        const path = (0,external_node_path_.resolve)(cwd, options.thresholdsFile);
        const cannotRead = (why) => new Error(`--thresholds-file: cannot read ${path}: ${why}`);
        // Read as the run's inputs read it: a device or a huge file is refused, not read without end.
        if (nodeFiles.kind(path) === 'other')
            return cannotRead('not a regular file (a device or a pipe)');
        let text;
        try {
            text = nodeFiles.read(path, LIMITS.thresholdsFileBytes);
        }
        catch (error) {
            return cannotRead(error.message);
        }
        if (text === undefined) {
            return cannotRead(`larger than ${LIMITS.thresholdsFileBytes / 1024} KiB`);
        }
        sources.push({ origin: `--thresholds-file ${options.thresholdsFile}`, text });
    }
    const rules = [];
    const problems = [];
    for (const source of sources) {
        try {
            rules.push(...parseThresholds(source.text));
        }
        catch (error) {
            if (!(error instanceof ThresholdSyntaxError))
                throw error;
            problems.push(...error.problems.map((problem) => `${source.origin}: ${problem.message.replace(/^thresholds /, '')}`));
        }
    }
    return problems.length > 0 ? new Error(problems.join('\n')) : rules;
}

;// CONCATENATED MODULE: ./build/src/cli/main.js
/**
 * `distributed-locust`: the same inputs, backends and engine as the action, from a terminal.
 * Exit codes: 0 passed, 1 a threshold failed, 2 usage or infrastructure error, 3 unfit to judge;
 * 130/143 when interrupted by SIGINT/SIGTERM (partial results are kept).
 */



















const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 };
/** --help lists each backend's own inputs under a heading of its own. */
function helpGroup(spec) {
    if (spec.backend === undefined)
        return undefined;
    return `With --backend ${spec.backend} only:`;
}
const main_EXAMPLES = `
Examples:
  $ distributed-locust run -f examples/locustfile.py -H http://127.0.0.1:8080 \\
      -u 50 -r 10 -t 30s -w 2 --threshold "p95 < 500ms" --threshold "fail_ratio < 1%"
  $ distributed-locust run -f load/locustfile.py --data load/stages.json --data load/rows.csv \\
      -t 2m -w 4 --thresholds-file load/thresholds.txt --out results
  $ distributed-locust run --backend aws --stack-name distributed-locust --aws-region eu-west-1 \\
      -f load/locustfile.py -H https://staging.example.com -u 200 -t 5m -w 10 --threshold "p95 < 800ms"

Exit codes (docs/outcomes.md): 0 passed (or inconclusive, let through), 1 a threshold failed,
2 usage or infrastructure error (Locust could not run, timeout), 3 the run is unfit to judge (see
--on-invalid), 4 inconclusive under --on-inconclusive fail, 130/143 interrupted by SIGINT/SIGTERM
(partial results kept).`;
/** The flag that sets an input, for messages: 'users' → '--users (-u)'. */
function flagOf(input) {
    const spec = FLAGGED_INPUTS.find((flag) => flag.name === input);
    if (!spec)
        return input;
    const [short, long] = spec.cli.flags.split(/[ ,]+/).filter((word) => word.startsWith('-'));
    return long ? `${long} (${short})` : short;
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
        .showHelpAfterError('(add --help for usage)')
        .configureHelp({ optionDescription: optionDescription });
    const run = program
        .command('run')
        .description('run a load test, print the report and write it with the CSVs into the results folder')
        .addHelpText('after', fitHelp(main_EXAMPLES));
    const rawInputs = addInputOptions(run, FLAGGED_INPUTS, helpGroup);
    run.option(...NO_COLOR_OPTION);
    const runFromFlags = (flags, color, gateRounds) => {
        flags.raw['results-dir'] ??= (0,external_node_path_.join)('locust-results', timestampForFolder(environment.now()));
        return runLoadTest(flags, color, environment, gateRounds);
    };
    run.action(async (values) => {
        const color = wantsColor(values.color, environment);
        exitCode = await runFromFlags(rawInputs(values), color, DEFAULT_GATE_ROUNDS);
    });
    addReportCommand(program, environment, (code) => (exitCode = code));
    addDoctorCommand(program, environment, flagOf, (code) => (exitCode = code));
    addDeployCommand(program, environment, flagOf, (code) => (exitCode = code));
    addBaselineCommand(program, environment, (code) => (exitCode = code));
    addCalibrateCommand(program, environment, runFromFlags, (code) => (exitCode = code));
    program.addHelpText('after', fitHelp(main_EXAMPLES));
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
        stderr.write(plainText(`distributed-locust: ${error.message}\n`));
        return EXIT.error;
    }
}
/**
 * A load test from the run's flags, reported; a `mode: calibrate` run judges no rule and is
 * calibrated afterwards for a gate of `gateRounds` paired rounds (./calibrate-command.ts).
 */
async function runLoadTest(flags, color, environment, gateRounds) {
    const { stdout, stderr } = environment;
    const parsed = parseFlagValues(flags, parseInputs, { ...environment, flagOf }, 'Invalid options; nothing was started.');
    if (parsed === undefined)
        return EXIT.error;
    const calibrating = isCalibration(parsed);
    const { config, ignored } = calibrating ? calibrationRun(parsed) : { config: parsed };
    if (ignored !== undefined)
        stderr.write(`${ignored}\n`);
    const baseline = calibrating ? undefined : await baselineOf(flags.raw, config.workingDirectory);
    if (baseline && 'note' in baseline)
        stderr.write(`${baseline.note}\n`);
    const terminal = new RunConsole(stderr);
    // What the backend started and has not stopped yet: stopped here should the run crash or be
    // stopped at once, since the CLI has no post step to do it.
    let started = [];
    const stopStarted = async () => {
        const leftover = started;
        started = [];
        for (const { backend, handle } of leftover) {
            await backendFor(backend)
                .cleanup([handle], (line) => terminal.log(line))
                .catch((error) => terminal.log(`Could not stop what the run started: ${error.message}`));
        }
    };
    const interruption = new Interruption((message) => terminal.log(message), (signal) => `${signal} received: stopping Locust and keeping the results so far (again to stop at once)…`);
    interruption.listen();
    try {
        terminal.log(backendFor(config.backend.kind).runsLocustfile
            ? `Running ${config.locustfile} with ${config.users} users on ${config.workers} worker(s) for ${config.runTime} (${config.backend.kind} backend)`
            : `Judging the Locust CSVs in ${config.resultsDir} (${config.backend.kind} backend)`);
        const concluded = await executeRun(config, {
            signal: interruption.controller.signal,
            forceStop: interruption.forceStop,
            log: (line) => terminal.log(line),
            warn: (line) => terminal.log(`Warning: ${line}`),
            onProgress: (progress) => terminal.progress(progress),
            onStarted: (resource) => started.push(resource),
            onBackendDone: (outcome) => {
                started = [];
                // The report shows the error on one line; a Python traceback reads better as Locust wrote it.
                if (outcome.error !== undefined)
                    terminal.log(outcome.error);
                terminal.finish();
            }
        }, { baseline });
        stdout.write(`${renderTerminal(concluded.report, { color, width: stdout.columns })}\n`);
        stdout.write(`Report, results and Locust logs in ${config.resultsDir}\n`);
        // Also after a cancel: the rounds completed until then still calibrate.
        const calibrated = calibrating
            ? await writeCalibration(config.resultsDir, await calibrateRunFolder(config, { gateRounds, width: stdout.columns ?? 80 }), environment)
            : EXIT.passed;
        const interruptedBy = interruption.signal;
        if (interruptedBy !== undefined)
            return SIGNAL_EXIT_CODES[interruptedBy] ?? EXIT.error;
        const { exitCode } = concluded.report.outcome;
        return exitCode === EXIT.passed ? calibrated : exitCode;
    }
    finally {
        await stopStarted();
        terminal.finish();
        interruption.stopListening();
    }
}
/** `--baseline`: a results.json or its folder; `auto` needs a GitHub Actions run to look in. */
async function baselineOf(raw, workingDirectory) {
    const source = parseGateInputs({ baseline: raw.baseline }, workingDirectory).baseline;
    switch (source.kind) {
        case 'none':
            return undefined;
        case 'path':
            return lookUpBaselineFile(source.path, '--baseline');
        case 'auto':
            return {
                note: '--baseline auto works in the GitHub Action only; give a results.json or its folder. Baseline rules are skipped.'
            };
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

/***/ 7406:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ DistributedLocustError),
/* harmony export */   w: () => (/* binding */ PreflightError)
/* harmony export */ });
/**
 * The base of every error this project raises on purpose: its message is written for the user
 * (it names the input, file or resource and says what to do), so callers may show it as it is.
 */
class DistributedLocustError extends Error {
    constructor(message) {
        super(message);
        this.name = new.target.name;
    }
}
/** A check before the run found a problem; nothing was started. */
class PreflightError extends DistributedLocustError {
}


/***/ }),

/***/ 9022:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ parseSecrets),
/* harmony export */   o: () => (/* binding */ outsideScope)
/* harmony export */ });
/**
 * The `secrets` input: `NAME=arn` lines naming a Secrets Manager secret or an SSM Parameter Store
 * parameter whose value the locustfile reads as the environment variable NAME. On AWS only the
 * ARNs travel (staged in the run's bundle); the tasks read the values with their role
 * (docker/distributed_locust/secrets.py). The local backend reads NAME from its own environment.
 * Pure. See docs/security.md.
 */
/**
 * `arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME`, optionally followed by ECS's
 * `:json-key:version-stage:version-id` (each may be empty).
 */
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):(\d{12}):secret:([A-Za-z0-9/_+=.@-]+)(?::[^:\s]*){0,3}$/;
const PARAMETER_ARN = /^arn:aws[a-z-]*:ssm:([a-z0-9-]+):(\d{12}):parameter\/([A-Za-z0-9_./-]+)$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * Names a secret may not take: the runner's credentials and the action's inputs (local), the
 * container's own settings and what Python and the loader read before the locustfile runs.
 */
const RESERVED_NAME = /^(?:ACTIONS_|INPUT_|STATE_|GITHUB_TOKEN$|DL_|AWS_|ECS_|PYTHON|LD_|PATH$|HOME$)/i;
const EXAMPLES = 'expected NAME=ARN lines such as "API_TOKEN=arn:aws:secretsmanager:eu-west-1:123456789012:secret:load-test/api-AbCdEf" or "DB_PASSWORD=arn:aws:ssm:eu-west-1:123456789012:parameter/load-test/db-password"';
/** Reads `NAME=arn` items; each problem names the item and says what is accepted. */
function parseSecrets(items) {
    const secrets = [];
    const problems = [];
    for (const item of items) {
        const equals = item.indexOf('=');
        const name = item.slice(0, equals).trim();
        const arn = item.slice(equals + 1).trim();
        const problem = equals < 0
            ? `${EXAMPLES}.`
            : !VARIABLE_NAME.test(name)
                ? `"${name}" is not an environment variable name; use letters, digits and _, not starting with a digit.`
                : RESERVED_NAME.test(name)
                    ? `${name} is reserved (the runner's credentials, the action's inputs, the container's DL_*, AWS_* and ECS_* settings, PYTHON*, LD_*, PATH and HOME); choose another name.`
                    : secrets.some((secret) => secret.name === name)
                        ? `${name} is named twice; give each variable one ARN.`
                        : undefined;
        const reference = problem === undefined ? referenceOf(name, arn) : undefined;
        if (problem !== undefined || reference === undefined) {
            problems.push({
                given: item,
                message: problem ??
                    `"${arn}" is neither a Secrets Manager secret ARN nor an SSM parameter ARN; ${EXAMPLES}.`
            });
        }
        else {
            secrets.push(reference);
        }
    }
    return { secrets, problems };
}
function referenceOf(name, arn) {
    const secret = SECRET_ARN.exec(arn);
    if (secret) {
        const [, region, account, resource] = secret;
        return { name, arn, store: 'secretsmanager', region, account, resource };
    }
    const parameter = PARAMETER_ARN.exec(arn);
    if (parameter) {
        const [, region, account, resource] = parameter;
        return { name, arn, store: 'ssm', region, account, resource };
    }
    return undefined;
}
/**
 * Why the stack's task role cannot read `secret` (another account or region, or a name outside
 * the prefix), or undefined when it may.
 */
function outsideScope(secret, scope) {
    const where = `account ${scope.account}, region ${scope.region}`;
    const what = secret.store === 'ssm'
        ? `parameters named ${scope.prefix}… or /${scope.prefix}…`
        : `secrets named ${scope.prefix}…`;
    if (secret.account === scope.account &&
        secret.region === scope.region &&
        secret.resource.startsWith(scope.prefix)) {
        return undefined;
    }
    return `${secret.name}: the stack's task role may read only ${what} (its SecretsPrefix parameter) in ${where}, and ${secret.arn} is not one; rename the secret, or redeploy the stack with another SecretsPrefix.`;
}


/***/ }),

/***/ 3341:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ endpointLabel)
/* harmony export */ });
/** The typed model of one Locust run's CSV output (Locust 2.12 up to current 2.x). */
/** How rules, tables and the baseline name an endpoint: "GET /items", or the bare name. */
function endpointLabel(endpoint) {
    return endpoint.method === '' ? endpoint.name : `${endpoint.method} ${endpoint.name}`;
}


/***/ }),

/***/ 5059:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ mergeDuetRounds)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var _write_file_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(171);
/**
 * A duet's rounds.json: each master lists its own side's rounds (the baseline's in
 * `baseline/rounds.json`); the results folder's lists both, by index, as docs/rounds.md describes.
 */



const ROUNDS_FILE = 'rounds.json';
/**
 * Writes the candidate folder's rounds.json with the baseline side's rounds added, ordered by
 * index; returns how many rounds it lists (0 when the masters never met).
 */
async function mergeDuetRounds(candidateDir, baselineDir) {
    const [candidate, baseline] = await Promise.all([candidateDir, baselineDir].map((folder) => readRounds((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(folder, ROUNDS_FILE))));
    const document = candidate ?? baseline;
    if (document === undefined)
        return 0;
    const rounds = [...(candidate?.rounds ?? []), ...(baseline?.rounds ?? [])].sort((a, b) => a.index - b.index || (a.side === 'candidate' ? -1 : 1));
    const merged = { ...document, rounds };
    await (0,_write_file_js__WEBPACK_IMPORTED_MODULE_2__/* .writeFileAtomically */ .l)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(candidateDir, ROUNDS_FILE), `${JSON.stringify(merged, null, 1)}\n`);
    return rounds.length;
}
/** A master's rounds.json; undefined when it wrote none (it never reached its first round). */
async function readRounds(path) {
    const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8').catch(() => undefined);
    return text === undefined ? undefined : JSON.parse(text);
}


/***/ }),

/***/ 7585:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   S7: () => (/* binding */ redactHost),
/* harmony export */   YR: () => (/* binding */ hostSecrets),
/* harmony export */   Zg: () => (/* binding */ scrubSecrets)
/* harmony export */ });
/**
 * Credentials written into the host URL (`http://alice:s3cret@staging…`): Locust needs the URL as
 * given, everything that shows it gets it with the userinfo replaced. Pure.
 */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i;
/** The URL with its userinfo replaced by `***`; as given when it has none. */
function redactHost(host) {
    return host.replace(USERINFO, '$1***@');
}
/**
 * The secret texts a host URL carries, as they may appear in logs and reports: the userinfo as
 * written, and the password as written and decoded. Empty when the URL has no password.
 */
function hostSecrets(host) {
    const userinfo = host === undefined ? undefined : USERINFO.exec(host)?.[2];
    if (userinfo === undefined)
        return [];
    const colon = userinfo.indexOf(':');
    const password = colon < 0 ? '' : userinfo.slice(colon + 1);
    const secrets = [userinfo, password, safeDecode(password)];
    // A password of one or two characters would blank out ordinary text.
    return [...new Set(secrets)]
        .filter((secret) => secret.length >= 3)
        .sort((a, b) => b.length - a.length);
}
/** `text` with every secret replaced by `***`. */
function scrubSecrets(text, secrets) {
    return secrets.reduce((scrubbed, secret) => scrubbed.split(secret).join('***'), text);
}
function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}


/***/ }),

/***/ 7015:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ce: () => (/* binding */ stopCommandJson),
/* harmony export */   JU: () => (/* binding */ parseLiveStats),
/* harmony export */   Xv: () => (/* binding */ PROGRESS_FILE),
/* harmony export */   jA: () => (/* binding */ progressOf),
/* harmony export */   tP: () => (/* binding */ ABORT_COMMAND_PATH),
/* harmony export */   uY: () => (/* binding */ abortCommandJson),
/* harmony export */   vq: () => (/* binding */ STOP_COMMAND_PATH)
/* harmony export */ });
const PROGRESS_FILE = 'progress.json';
/** The abort command's place in the results folder (locally) or the run's folder (on AWS). */
const ABORT_COMMAND_PATH = 'control/abort.json';
/** The local backend's stop command: the master quits as at its own run time (no abort). */
const STOP_COMMAND_PATH = 'control/stop.json';
function parseLiveStats(text) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (error) {
        return { problem: `${PROGRESS_FILE} is not valid JSON (${error.message})` };
    }
    if (!isObject(json) || json.version !== 1 || !Array.isArray(json.endpoints)) {
        return { problem: `${PROGRESS_FILE} is not version 1 with a list of endpoints` };
    }
    const endpoints = [];
    for (const entry of json.endpoints) {
        const stats = endpointOf(entry);
        if (stats === undefined)
            return { problem: `${PROGRESS_FILE} has an unreadable endpoint` };
        endpoints.push(stats.stats);
    }
    const aggregate = endpointOf(json.aggregate);
    if (aggregate === undefined)
        return { problem: `${PROGRESS_FILE} has no readable aggregate` };
    return {
        elapsedSeconds: finiteOr(json.elapsedSeconds, null),
        writtenAt: typeof json.writtenAt === 'string' ? json.writtenAt : '',
        state: typeof json.state === 'string' ? json.state : '',
        users: finiteOr(json.users, 0),
        workersConnected: finiteOr(json.workersConnected, 0),
        currentRps: aggregate.currentRps,
        abortRequested: typeof json.abortRequested === 'string' ? json.abortRequested : null,
        figures: { aggregate: aggregate.stats, endpoints }
    };
}
/** The abort command's content: control.py logs its reason and stops the test. */
function abortCommandJson(decision) {
    const { rule, atSeconds, message } = decision;
    return `${JSON.stringify({ version: 1, reason: message, rule, atSeconds })}\n`;
}
/** The stop command's content: control.py logs the reason and quits Locust. */
function stopCommandJson(reason) {
    return `${JSON.stringify({ version: 1, reason })}\n`;
}
/** The progress line's figures from the live stats. */
function progressOf(live, totalSeconds) {
    const { aggregate } = live.figures;
    const p95 = aggregate.percentiles.find((percentile) => percentile.quantile === 95)?.ms;
    return {
        elapsedSeconds: live.elapsedSeconds ?? 0,
        totalSeconds,
        users: live.users,
        workers: live.workersConnected,
        // Locust's recent rate leaves out its last seconds, so it reads 0 early on: the test's so far then.
        rps: live.currentRps > 0 ? live.currentRps : aggregate.rps,
        failures: aggregate.failures,
        failRatio: aggregate.requests > 0 ? aggregate.failures / aggregate.requests : 0,
        ...(p95 === null || p95 === undefined ? {} : { p95Ms: p95 })
    };
}
function endpointOf(entry) {
    if (!isObject(entry) || typeof entry.name !== 'string' || typeof entry.method !== 'string') {
        return undefined;
    }
    const requests = entry.numRequests;
    const failures = entry.numFailures;
    if (!Number.isSafeInteger(requests) || !Number.isSafeInteger(failures))
        return undefined;
    if (!isObject(entry.percentiles))
        return undefined;
    const percentiles = Object.entries(entry.percentiles).map(([key, ms]) => ({
        label: `${key}%`,
        quantile: Number(key),
        ms: finiteOr(ms, null)
    }));
    if (percentiles.some((percentile) => !Number.isFinite(percentile.quantile)))
        return undefined;
    return {
        stats: {
            method: entry.method,
            name: entry.name,
            requests: requests,
            failures: failures,
            medianMs: finiteOr(entry.medianMs, null),
            avgMs: finiteOr(entry.avgMs, null),
            minMs: finiteOr(entry.minMs, null),
            maxMs: finiteOr(entry.maxMs, null),
            avgContentSize: finiteOr(entry.avgContentLength, null),
            rps: finiteOr(entry.rps, 0),
            failRps: finiteOr(entry.failRps, 0),
            percentiles: percentiles.sort((a, b) => a.quantile - b.quantile)
        },
        currentRps: finiteOr(entry.currentRps, 0)
    };
}
function finiteOr(value, fallback) {
    return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}


/***/ }),

/***/ 8559:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ isOutside)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6760);

/**
 * Whether `path` lies outside `folder`. Only a first segment of exactly `..` leaves it: a file
 * named `..rows.csv` is inside. Input validation and the AWS bundle use this one test, so a path
 * accepted at input time is never refused later.
 */
function isOutside(folder, path) {
    const inside = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.relative)(folder, path);
    return inside === '..' || inside.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_0__.sep}`) || (0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(inside);
}


/***/ }),

/***/ 4582:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Cr: () => (/* binding */ SEED_RANGE),
/* harmony export */   Nx: () => (/* binding */ masterRoundsSettings),
/* harmony export */   ZK: () => (/* binding */ CALIBRATION_ROUNDS),
/* harmony export */   aJ: () => (/* binding */ duetHalf),
/* harmony export */   cW: () => (/* binding */ isLoopbackHost),
/* harmony export */   ql: () => (/* binding */ plannedLoadSeconds),
/* harmony export */   sK: () => (/* binding */ roundsPlanOf),
/* harmony export */   uR: () => (/* binding */ measuredLoadSeconds)
/* harmony export */ });
/* unused harmony exports sequentialWindows, ROUND_CHANGE_SECONDS */
/** Rounds of `mode: calibrate` when `rounds` is not given. */
const CALIBRATION_ROUNDS = 5;
/** Rounds of a run that has no rounds: today's single run, with nothing for the master to drive. */
function roundsPlanOf(options) {
    const { rounds, warmupSeconds, baselineHost, mode } = options;
    const design = mode === 'duet' ? 'duet' : baselineHost === undefined ? 'repeated' : 'interleaved';
    if (design === 'repeated' && rounds === 1 && warmupSeconds === 0)
        return undefined;
    return {
        design,
        count: rounds,
        warmupSeconds,
        ...(baselineHost === undefined ? {} : { baselineHost })
    };
}
/** Measured windows one after the other: a duet's two sides share theirs. */
function sequentialWindows(plan) {
    return plan.design === 'interleaved' ? 2 * plan.count : plan.count;
}
/** The seeds of the interleaved order (rounds.json names the run's). */
const SEED_RANGE = 1_000_000;
/** Allowance per round for stopping the users and starting the next round's (measured ≤ 3 s). */
const ROUND_CHANGE_SECONDS = 5;
/** Seconds of load proper (warm-ups included), without the changes between rounds. */
function measuredLoadSeconds(runTimeSeconds, plan) {
    if (plan === undefined)
        return runTimeSeconds;
    return sequentialWindows(plan) * (plan.warmupSeconds + runTimeSeconds);
}
/** How long Locust runs in all: the load and the changes between rounds (the run time without). */
function plannedLoadSeconds(runTimeSeconds, plan) {
    if (plan === undefined)
        return runTimeSeconds;
    return measuredLoadSeconds(runTimeSeconds, plan) + sequentialWindows(plan) * ROUND_CHANGE_SECONDS;
}
/** What one master's side of a duet gets: half the users, spawn rate and workers. */
function duetHalf(config) {
    return {
        ...config,
        users: config.users / 2,
        spawnRate: config.spawnRate / 2,
        workers: config.workers / 2
    };
}
/**
 * The master's rounds settings (DL_ROUNDS, read by control.py's rounds_plan). `seed` draws the
 * interleaved order (rounds.json records it); `duet` is a duet's master (DuetMaster).
 */
function masterRoundsSettings(plan, config, seed, duet) {
    return JSON.stringify({
        design: plan.design,
        rounds: plan.count,
        warmupSeconds: plan.warmupSeconds,
        roundSeconds: config.runTimeSeconds,
        seed,
        // Without a candidate host here, the master uses its own -H.
        hosts: {
            ...(config.host === undefined ? {} : { candidate: config.host }),
            ...(plan.baselineHost === undefined ? {} : { baseline: plan.baselineHost })
        },
        ...(duet ?? {})
    });
}
/** Whether a URL names this machine (loopback), which tasks running elsewhere cannot reach. */
function isLoopbackHost(url) {
    let hostname;
    try {
        hostname = new URL(url).hostname.toLowerCase();
    }
    catch {
        return false;
    }
    return (hostname === 'localhost' ||
        hostname.endsWith('.localhost') ||
        /^127\.\d+\.\d+\.\d+$/.test(hostname) ||
        hostname === '[::1]' ||
        hostname === '0.0.0.0');
}


/***/ }),

/***/ 171:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ writeFileAtomically)
/* harmony export */ });
/* unused harmony export ReportWriteError */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/**
 * Writing a report file whole or not at all: into a temporary file beside it, renamed over it
 * once complete, so that a full disk leaves the earlier file (or none), never a truncated one.
 */


class ReportWriteError extends Error {
}
async function writeFileAtomically(path, text) {
    const temporary = `${path}.${process.pid}.tmp`;
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(temporary, text);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(temporary, path);
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(temporary, { force: true }).catch(() => { });
        const { code, message } = error;
        throw new ReportWriteError(`Could not write ${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path)} to ${path} (${code ?? message}); free some space or check the folder's permissions. Locust's own files beside it were kept.`);
    }
}


/***/ }),

/***/ 5232:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Al: () => (/* binding */ AbortWatch),
/* harmony export */   zr: () => (/* binding */ withAbort)
/* harmony export */ });
/* unused harmony exports abortRules, clock */
/* harmony import */ var _evaluate_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7645);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4215);


/** The rules that carry "abort after", in the order written. */
function abortRules(rules) {
    return rules.filter((rule) => rule.abortAfterSeconds !== undefined);
}
/**
 * Follows the samples of one run. A breach is dated from the first sample that shows it; but when
 * the rule could not be measured in the sample before (its endpoint had not run yet), from that
 * sample: the figures are totals since the test started, so all of them were measured after it.
 * A sample that holds the rule, or cannot measure it, ends the breach.
 */
class AbortWatch {
    watches;
    previousSeconds = 0;
    seen = false;
    constructor(rules) {
        this.watches = abortRules(rules).map((rule) => ({ rule, measured: false }));
    }
    /** True when any rule can abort the run (the backends then watch the live figures). */
    get active() {
        return this.watches.length > 0;
    }
    /** The first rule breached for its time by this sample, if any. Samples must come in order. */
    observe(sample) {
        const now = sample.elapsedSeconds;
        if (this.seen && now <= this.previousSeconds)
            return undefined; // the same sample read again
        let decision;
        for (const watch of this.watches) {
            const result = (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .evaluateRule */ .kx)(watch.rule, sample.figures, [], 0.95);
            if (result.verdict === 'fail') {
                watch.breachedSince ??= watch.measured ? now : this.previousSeconds;
                if (decision === undefined && now - watch.breachedSince >= watch.rule.abortAfterSeconds) {
                    const measured = (0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatMetricValue */ .dd)(watch.rule.metric, result.actual);
                    decision = {
                        rule: watch.rule.text,
                        atSeconds: now,
                        breachedSinceSeconds: watch.breachedSince,
                        message: `aborted at ${clock(now)} by ${watch.rule.text} (${measured}, breached since ${clock(watch.breachedSince)})`
                    };
                }
            }
            else {
                watch.breachedSince = undefined;
            }
            watch.measured = result.verdict !== 'not_evaluated';
        }
        this.previousSeconds = now;
        this.seen = true;
        return decision;
    }
}
/** Seconds into the test as a clock: "2:10", "1:02:03". */
function clock(seconds) {
    const whole = Math.max(0, Math.round(seconds));
    const hours = Math.floor(whole / 3600);
    const minutes = Math.floor((whole % 3600) / 60);
    const rest = String(whole % 60).padStart(2, '0');
    return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}
/**
 * The evaluation after the run with the abort on record: the rule that aborted it fails with the
 * abort's message, whatever the partial figures say of it at the end (a run cut short is failed).
 */
function withAbort(evaluation, aborted) {
    const results = evaluation.results.map((result) => result.rule.text === aborted.rule && result.rule.isDefault !== true
        ? { ...result, verdict: 'fail', reason: aborted.message }
        : result);
    return { ...evaluation, passed: false, results };
}


/***/ }),

/***/ 8821:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ historySpread),
/* harmony export */   q: () => (/* binding */ estimateOf)
/* harmony export */ });
/* harmony import */ var _statistics_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4811);

/** The percentile source of an endpoint: its full histogram when kept, else its CSV points. */
function sourceOf(stats) {
    if (stats.responseTimes && stats.responseTimes.length > 0) {
        return { kind: 'histogram', histogram: stats.responseTimes };
    }
    const written = stats.percentiles.flatMap((p) => p.ms === null ? [] : [{ q: p.quantile / 100, ms: p.ms }]);
    return { kind: 'csv-percentiles', points: (0,_statistics_js__WEBPACK_IMPORTED_MODULE_0__/* .cdfPoints */ .Zr)(written, stats.minMs, stats.requests) };
}
/**
 * The estimate of a metric whose point value is `value` (as the rule measured it), or null when
 * the metric has none. Percentiles and the median get order-statistic bounds, the average its
 * standard error, rates Poisson and the failure ratio binomial bounds; min, max and counts are exact.
 */
function estimateOf(metric, stats, value, confidence) {
    const n = stats.requests;
    switch (metric.kind) {
        case 'percentile':
            return (0,_statistics_js__WEBPACK_IMPORTED_MODULE_0__/* .percentileEstimate */ .iC)(sourceOf(stats), n, metric.quantile / 100, value, confidence);
        case 'median':
            return (0,_statistics_js__WEBPACK_IMPORTED_MODULE_0__/* .percentileEstimate */ .iC)(sourceOf(stats), n, 0.5, value, confidence);
        case 'avg':
            return (0,_statistics_js__WEBPACK_IMPORTED_MODULE_0__/* .meanEstimate */ .GX)(sourceOf(stats), n, value, confidence);
        case 'rps':
            return (0,_statistics_js__WEBPACK_IMPORTED_MODULE_0__/* .rateEstimate */ .Ld)(value, n, confidence);
        case 'fail_rps':
            return (0,_statistics_js__WEBPACK_IMPORTED_MODULE_0__/* .rateEstimate */ .Ld)(value, stats.failures, confidence);
        case 'fail_ratio':
            return (0,_statistics_js__WEBPACK_IMPORTED_MODULE_0__/* .proportionEstimate */ .Jo)(stats.failures, n, confidence);
        case 'min':
        case 'max':
        case 'requests':
        case 'failures':
            return (0,_statistics_js__WEBPACK_IMPORTED_MODULE_0__/* .exactEstimate */ .Yo)(value);
    }
}
/**
 * The spread over time of an endpoint's (or the aggregate's) level from its own windows (batch
 * means), for the metrics the windows carry: p50, p95, p99 and rps. Null otherwise, without
 * windows, and below three.
 */
function historySpread(metric, stats) {
    const series = seriesOf(metric);
    if (!series || !stats.windows)
        return null;
    return (0,_statistics_js__WEBPACK_IMPORTED_MODULE_0__/* .windowSpread */ .at)(stats.windows.map((window) => series(window) ?? Number.NaN), metric.kind === 'rps' ? Number.MIN_VALUE : _statistics_js__WEBPACK_IMPORTED_MODULE_0__/* .TIME_RESOLUTION_MS */ .U$);
}
function seriesOf(metric) {
    if (metric.kind === 'median')
        return (point) => point.p50Ms;
    if (metric.kind === 'rps')
        return (point) => point.rps;
    if (metric.kind !== 'percentile')
        return undefined;
    if (metric.quantile === 50)
        return (point) => point.p50Ms;
    if (metric.quantile === 95)
        return (point) => point.p95Ms;
    if (metric.quantile === 99)
        return (point) => point.p99Ms;
    return undefined;
}


/***/ }),

/***/ 7645:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  FH: () => (/* binding */ DEFAULT_CONFIDENCE),
  kx: () => (/* binding */ evaluateRule),
  S$: () => (/* binding */ evaluateThresholds),
  a3: () => (/* binding */ metricValue)
});

// EXTERNAL MODULE: ./node_modules/fastest-levenshtein/mod.js
var mod = __nccwpck_require__(1916);
// EXTERNAL MODULE: ./build/src/results/model.js
var model = __nccwpck_require__(3341);
;// CONCATENATED MODULE: ./build/src/thresholds/defaults.js
const FAILURE_METRICS = ['fail_ratio', 'failures', 'fail_rps'];
/** The guard as it is shown and documented. */
const DEFAULT_FAILURE_RULE = {
    text: 'fail_ratio < 1%',
    line: 0,
    metric: { kind: 'fail_ratio' },
    operator: '<',
    limit: 0.01,
    isDefault: true
};
/**
 * True when a rule (for the aggregate or an endpoint) limits failures. A baseline rule counts only
 * when there is a baseline: without one it is skipped, and the run would go unguarded.
 */
function checksFailures(rules, hasBaseline) {
    return rules.some((rule) => FAILURE_METRICS.includes(rule.metric.kind) && (rule.baseline === undefined || hasBaseline));
}
/** The rules to evaluate: the user's, plus the default guard when none of them checks failures. */
function withDefaultGuard(rules, hasBaseline = false) {
    return checksFailures(rules, hasBaseline) ? [...rules] : [...rules, DEFAULT_FAILURE_RULE];
}

// EXTERNAL MODULE: ./build/src/thresholds/estimates.js
var estimates = __nccwpck_require__(8821);
// EXTERNAL MODULE: ./build/src/thresholds/round-figures.js
var round_figures = __nccwpck_require__(8098);
// EXTERNAL MODULE: ./build/src/thresholds/rounds.js
var rounds = __nccwpck_require__(5421);
// EXTERNAL MODULE: ./build/src/thresholds/statistics.js
var statistics = __nccwpck_require__(4811);
// EXTERNAL MODULE: ./build/src/thresholds/format.js
var format = __nccwpck_require__(4215);
// EXTERNAL MODULE: ./build/src/thresholds/metrics.js
var metrics = __nccwpck_require__(415);
;// CONCATENATED MODULE: ./build/src/thresholds/evaluate.js
/** Evaluates threshold rules against one run's Locust results. Pure: no I/O. */









/** How many endpoint names a "never ran" reason lists, closest to the selector first. */
const NAMES_SEEN_SHOWN = 5;
/** Two quantiles closer than this are the same column (99.9 written two ways). */
const QUANTILE_TOLERANCE = 1e-9;
/** The confidence of every bound unless the `confidence` input says otherwise. */
const DEFAULT_CONFIDENCE = 0.95;
/**
 * Judges every rule, plus the default failure guard when none of them checks failures (see
 * defaults.ts). Baseline rules ("p95 < baseline * 1.1") need at least one baseline run (several:
 * the baseline history, oldest or newest first, alike); without one, or when the baselines lack
 * what a rule measures, they are skipped: not a failure of the gate.
 */
function evaluateThresholds(rules, results, baselines = [], options = {}) {
    const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
    const { rounds } = options;
    // A paired run carries its own baseline: the baseline side of the same rounds.
    const judgedAgainst = rounds?.baselinePooled ? [rounds.baselinePooled] : baselines;
    const ruleResults = withDefaultGuard(rules, judgedAgainst.length > 0).map((rule) => evaluateRule(rule, results, judgedAgainst, confidence, rounds));
    // A rule that could not be measured keeps the gate shut as a failed one does; a skipped or
    // inconclusive one not (on-inconclusive decides what an inconclusive run means for the step).
    const passed = ruleResults.every((result) => result.verdict !== 'fail' && result.verdict !== 'not_evaluated');
    const inconclusive = ruleResults.some((result) => result.verdict === 'inconclusive');
    return { passed, inconclusive, confidence, results: ruleResults };
}
/** One rule on one run's figures (the CSVs after the run, or the live figures while it runs). */
function evaluateRule(rule, results, baselines, confidence, rounds) {
    if (!results) {
        return notEvaluated(rule, 'no results to measure: Locust wrote no readable output');
    }
    const plain = rule.selector === undefined
        ? [{ label: 'the whole test', stats: results.aggregate }]
        : selectEndpoints(rule.selector, results.endpoints);
    if (rule.selector !== undefined && plain.length === 0) {
        return notEvaluated(rule, neverRanReason(rule.selector, results.endpoints));
    }
    const byRound = rounds && round_figures/* ROUND_METRICS */.fn.has(rule.metric.kind) ? rounds : undefined;
    const targets = byRound
        ? plain.map((target) => ({ ...target, rounds: inRounds(rule, target, byRound.candidate) }))
        : plain;
    const bound = bindLimits(rule, targets, baselines);
    if (!Array.isArray(bound))
        return bound;
    const paired = byRound?.baselinePooled && rule.baseline ? withPairs(rule, bound, byRound) : bound;
    return Array.isArray(paired) ? judge(rule, paired, confidence) : paired;
}
/** A target's stats in each round that measured it (by its label; the aggregate by its own row). */
function inRounds(rule, target, rounds) {
    return rounds.flatMap((round) => {
        const stats = rule.selector === undefined
            ? round.aggregate
            : round.endpoints.find((endpoint) => (0,model/* endpointLabel */.m)(endpoint) === target.label);
        return stats && stats.requests > 0 ? [stats] : [];
    });
}
/** Each target with its limit or its baseline runs; skipped when a baseline rule has none. */
function bindLimits(rule, targets, baselines) {
    if (rule.baseline === undefined) {
        return targets.map((target) => ({ ...target, limit: rule.limit ?? Number.NaN }));
    }
    if (baselines.length === 0)
        return skipped(rule, 'no baseline');
    const bound = [];
    for (const target of targets) {
        const runs = baselines.flatMap((baseline) => {
            const stats = rule.selector === undefined
                ? baseline.aggregate
                : baseline.endpoints.find((endpoint) => (0,model/* endpointLabel */.m)(endpoint) === target.label);
            return stats ? [{ label: target.label, stats }] : [];
        });
        if (runs.length === 0) {
            return skipped(rule, `no baseline for ${target.label}: it did not run in the baseline`);
        }
        const measuredRuns = [];
        for (const run of runs) {
            const measured = measure(rule.metric, run);
            if (measured.value === null)
                return skipped(rule, `no baseline value: ${measured.reason}`);
            measuredRuns.push({ run, value: measured.value });
        }
        bound.push({ ...target, baselines: measuredRuns });
    }
    return bound;
}
/** Each target with its rounds paired by index: both sides must have measured it in a round. */
function withPairs(rule, targets, rounds) {
    const paired = [];
    for (const target of targets) {
        const pairs = rounds.candidate.flatMap((candidateRound, i) => {
            const [candidate] = inRounds(rule, target, [candidateRound]);
            const [baseline] = inRounds(rule, target, [rounds.baseline[i]]);
            return candidate && baseline ? [{ candidate, baseline }] : [];
        });
        if (pairs.length === 0) {
            return skipped(rule, `no round measured ${target.label} on both sides`);
        }
        paired.push({ ...target, pairs });
    }
    return paired;
}
/**
 * "GET /items" matches that method and name exactly. Only when nothing matches that way is the
 * selector taken as a bare name; if several methods share the name ("GET /items", "POST /items"),
 * the rule must hold for each of them, since a limit on "/items" promises it for every request.
 */
function selectEndpoints(selector, endpoints) {
    const byMethodAndName = endpoints.filter((stats) => (0,model/* endpointLabel */.m)(stats) === selector);
    const matches = byMethodAndName.length > 0
        ? byMethodAndName
        : endpoints.filter((stats) => stats.name === selector);
    return matches.map((stats) => ({ label: (0,model/* endpointLabel */.m)(stats), stats }));
}
function neverRanReason(selector, endpoints) {
    const seen = endpoints
        .map(model/* endpointLabel */.m)
        .map((label) => ({ label, distance: (0,mod/* distance */.Io)(selector, label) }))
        .sort((a, b) => a.distance - b.distance)
        .map(({ label }) => label);
    const hidden = seen.length - NAMES_SEEN_SHOWN;
    const names = seen.length === 0
        ? 'none'
        : seen.slice(0, NAMES_SEEN_SHOWN).join(', ') + (hidden > 0 ? `, and ${hidden} more` : '');
    return `no requests to "${selector}"; the endpoint never ran (names seen: ${names})`;
}
const VERDICT_SEVERITY = { fail: 2, inconclusive: 1, pass: 0 };
/**
 * The rule holds when it holds for every target; the result shown is the worst target's (a
 * failing one before an inconclusive one, then the smallest margin).
 */
function judge(rule, targets, confidence) {
    const judged = [];
    for (const target of targets) {
        const measurement = measure(rule.metric, target);
        if (measurement.value === null)
            return notEvaluated(rule, measurement.reason);
        judged.push(judgeTarget(rule, target, measurement.value, confidence));
    }
    const worst = judged.reduce((a, b) => VERDICT_SEVERITY[b.verdict] > VERDICT_SEVERITY[a.verdict] ||
        (VERDICT_SEVERITY[b.verdict] === VERDICT_SEVERITY[a.verdict] && b.margin < a.margin)
        ? b
        : a);
    const result = { rule, ...worst.shown, verdict: worst.verdict };
    if (worst.verdict !== 'fail' || targets.length === 1)
        return result;
    const reason = `${worst.target.label} breaks it with ${(0,format/* formatMetricValue */.dd)(rule.metric, worst.value)}; a rule on ` +
        `"${rule.selector}" applies to each of ${targets.map((target) => target.label).join(', ')}`;
    return { ...result, reason };
}
/**
 * One target. An absolute rule compares the point value with its limit (its bounds are shown
 * beside it). A baseline rule on an ordering operator fails only when the run is beyond the limit
 * at the confidence, passes when it is inside it at the confidence, and is inconclusive between;
 * a change within Locust's rounding step is never a regression.
 */
function judgeTarget(rule, target, value, confidence) {
    const measuredOf = (run, runValue) => ({
        estimate: (0,estimates/* estimateOf */.q)(rule.metric, run.stats, runValue, confidence),
        spread: (0,estimates/* historySpread */.K)(rule.metric, run.stats)
    });
    const inRound = (stats) => {
        const roundValue = metricValue(rule.metric, stats);
        return roundValue === null ? [] : [measuredOf({ label: target.label, stats }, roundValue)];
    };
    // Rounds of one side: the run's level and bounds are the rounds' (./rounds.ts), with their spread.
    const pooled = target.rounds && target.rounds.length > 0
        ? (0,rounds/* poolRounds */.w2)(target.rounds.flatMap(inRound), value, confidence)
        : undefined;
    const now = {
        ...measuredOf(target, value),
        ...(pooled ? { log: pooled.level } : {})
    };
    const baselines = target.baselines;
    const pairs = target.pairs?.flatMap(({ candidate, baseline }) => {
        const [c] = inRound(candidate);
        const [b] = inRound(baseline);
        return c && b ? [{ candidate: c, baseline: b }] : [];
    });
    // With several baseline runs the limit follows from their geometric mean (statistics.ts); a
    // paired run compares round by round (rounds.ts).
    const comparison = rule.baseline && pairs && pairs.length > 0 && baselines
        ? (0,rounds/* compareRounds */.Tl)(pairs, { candidate: value, baseline: baselines[0].value }, rule.baseline, confidence)
        : rule.baseline && baselines
            ? (0,statistics/* compareRuns */.qB)(now, baselines.map(({ run, value: runValue }) => measuredOf(run, runValue)), rule.baseline, confidence)
            : undefined;
    const limit = comparison?.limit.value ?? target.limit ?? Number.NaN;
    const pointMargin = margin(rule.operator, value, limit);
    const pointVerdict = holds(rule.operator, pointMargin) ? 'pass' : 'fail';
    const roundsJudged = comparison?.rounds ?? pooled?.level.rounds;
    const shown = {
        actual: value,
        limit,
        interval: intervalOf(pooled?.bounds ?? now.estimate),
        method: now.estimate.method,
        ...(roundsJudged === undefined ? {} : { rounds: roundsJudged })
    };
    if (!comparison || !baselines) {
        return { target, value, margin: pointMargin, verdict: pointVerdict, shown };
    }
    const decided = baselineVerdict(rule.operator, comparison, pointVerdict);
    return {
        target,
        value,
        margin: pointMargin,
        verdict: decided.verdict,
        shown: {
            ...shown,
            interval: intervalOf(comparison.now),
            baselineValue: comparison.baseline.value,
            baselineInterval: intervalOf(comparison.baseline),
            ratio: { value: comparison.ratio.value, ...intervalOf(comparison.ratio) },
            baselineRuns: comparison.rounds === undefined ? baselines.length : 0,
            ...(decided.reason === undefined ? {} : { reason: decided.reason })
        }
    };
}
function baselineVerdict(operator, comparison, pointVerdict) {
    const upper = operator === '<' || operator === '<=';
    const lower = operator === '>' || operator === '>=';
    // == and != against a baseline have no direction to be confident in: the point decides.
    if (!upper && !lower)
        return { verdict: pointVerdict };
    if (comparison.unknowable !== undefined) {
        return { verdict: 'inconclusive', reason: comparison.unknowable };
    }
    const inside = upper ? 'below' : 'above';
    if (comparison.side === inside)
        return { verdict: 'pass' };
    if (upper && comparison.withinStep) {
        return { verdict: 'pass', reason: "within Locust's rounding step of the baseline" };
    }
    if (comparison.side !== 'straddles')
        return { verdict: 'fail' };
    return {
        verdict: 'inconclusive',
        reason: `the interval of now ÷ baseline (${formatRatio(comparison.ratio.low)}–${formatRatio(comparison.ratio.high)}) straddles the limit` +
            (comparison.runToRunAssumed
                ? '; one run against one, so a rounding step of run-to-run noise is assumed (a baseline history or rounds measure it)'
                : '')
    };
}
function formatRatio(ratio) {
    return Number.isFinite(ratio) ? `×${ratio.toFixed(2)}` : '×∞';
}
function intervalOf(bounds) {
    return { low: bounds.low, high: Number.isFinite(bounds.high) ? bounds.high : null };
}
function notEvaluated(rule, reason) {
    return { rule, actual: null, limit: rule.limit ?? null, verdict: 'not_evaluated', reason };
}
function skipped(rule, reason) {
    return { rule, actual: null, limit: null, verdict: 'skipped', reason: `skipped: ${reason}` };
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
    const name = (0,metrics/* metricName */.Kh)(metric);
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
/** A metric's value for one endpoint (or the aggregate) as rules see it; null when not measured. */
function metricValue(metric, stats) {
    return measure(metric, { label: '', stats }).value;
}


/***/ }),

/***/ 4215:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   IO: () => (/* binding */ describeRule),
/* harmony export */   YD: () => (/* binding */ describeBound),
/* harmony export */   dd: () => (/* binding */ formatMetricValue)
/* harmony export */ });
/* harmony import */ var _metrics_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(415);
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
function formatMetricValue(metric, value) {
    if (value === null)
        return 'n/a';
    switch ((0,_metrics_js__WEBPACK_IMPORTED_MODULE_0__/* .metricFamily */ .Xb)(metric)) {
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
/**
 * The rule in a normalised form: "p95 < 500 ms", "GET /api/items: fail_ratio < 1%",
 * "p95 < baseline × 1.1".
 */
function describeRule(rule) {
    const comparison = `${(0,_metrics_js__WEBPACK_IMPORTED_MODULE_0__/* .metricName */ .Kh)(rule.metric)} ${rule.operator} ${describeBound(rule)}`;
    return rule.selector === undefined ? comparison : `${rule.selector}: ${comparison}`;
}
/** The right-hand side of a rule: "500 ms", "baseline × 1.1", "baseline + 50 ms", "baseline". */
function describeBound(rule) {
    if (rule.baseline === undefined)
        return formatMetricValue(rule.metric, rule.limit ?? null);
    const { factor, offset } = rule.baseline;
    const parts = ['baseline'];
    if (factor !== 1)
        parts.push(`× ${factor}`);
    if (offset !== 0)
        parts.push(`${offset < 0 ? '−' : '+'} ${formatMetricValue(rule.metric, Math.abs(offset))}`);
    return parts.join(' ');
}


/***/ }),

/***/ 415:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Kh: () => (/* binding */ metricName),
/* harmony export */   Mw: () => (/* binding */ MAX_PERCENTILE_DECIMALS),
/* harmony export */   Xb: () => (/* binding */ metricFamily),
/* harmony export */   _3: () => (/* binding */ LOCUST_DEFAULT_PERCENTILES),
/* harmony export */   oF: () => (/* binding */ isSimpleMetricName),
/* harmony export */   sw: () => (/* binding */ KNOWN_METRIC_NAMES)
/* harmony export */ });
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
function metricName(metric) {
    return metric.kind === 'percentile' ? `p${metric.quantile}` : metric.kind;
}


/***/ }),

/***/ 8098:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   fn: () => (/* binding */ ROUND_METRICS),
/* harmony export */   hc: () => (/* binding */ roundsFigures)
/* harmony export */ });
/* unused harmony exports pooledFigures, statsOf */
/* harmony import */ var _results_model_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3341);
/* harmony import */ var _metrics_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(415);
/* harmony import */ var _statistics_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4811);



/**
 * The metrics judged round by round: levels on a log scale (a time or a rate). Counts, extremes
 * and the failure ratio (often 0) are judged on each side pooled over its rounds.
 */
const ROUND_METRICS = new Set([
    'percentile',
    'median',
    'avg',
    'rps'
]);
/**
 * Judged rounds of a run: for a paired design only indexes whose both sides are complete (a lone
 * side is skipped and counted). Null when no round can be judged.
 */
function roundsFigures(run) {
    const skipped = [...run.skipped];
    const paired = run.design !== 'repeated';
    const byIndex = new Map();
    for (const round of run.rounds) {
        byIndex.set(round.index, { ...byIndex.get(round.index), [round.side]: round });
    }
    const candidate = [];
    const baseline = [];
    for (const [index, sides] of [...byIndex.entries()].sort((a, b) => a[0] - b[0])) {
        if (!paired && sides.candidate) {
            candidate.push(sides.candidate);
        }
        else if (sides.candidate && sides.baseline) {
            candidate.push(sides.candidate);
            baseline.push(sides.baseline);
        }
        else {
            const lone = (sides.candidate ?? sides.baseline);
            skipped.push({ index, side: lone.side, reason: 'its other side was not measured' });
        }
    }
    if (candidate.length === 0)
        return null;
    return {
        design: run.design,
        warmupSeconds: run.warmupSeconds,
        roundSeconds: run.roundSeconds,
        order: run.order,
        hosts: {
            candidate: candidate[0].host,
            ...(paired ? { baseline: baseline[0].host } : {})
        },
        candidate: candidate.map(roundRunFigures),
        baseline: baseline.map(roundRunFigures),
        candidatePooled: pooledFigures(candidate),
        ...(paired ? { baselinePooled: pooledFigures(baseline) } : {}),
        skipped: skipped.sort((a, b) => a.index - b.index)
    };
}
function roundRunFigures(round) {
    return {
        aggregate: statsOf(round.aggregate, round.seconds),
        endpoints: round.endpoints.map((endpoint) => statsOf(endpoint, round.seconds))
    };
}
/** One side over its rounds: the histograms and counts added up, rates over the summed time. */
function pooledFigures(rounds) {
    const seconds = rounds.reduce((sum, round) => sum + round.seconds, 0);
    const merged = new Map();
    for (const round of rounds) {
        for (const endpoint of round.endpoints) {
            const label = (0,_results_model_js__WEBPACK_IMPORTED_MODULE_2__/* .endpointLabel */ .m)(endpoint);
            merged.set(label, mergeEndpoints(merged.get(label), endpoint));
        }
    }
    const aggregate = rounds.reduce((sum, round) => mergeEndpoints(sum, round.aggregate), undefined);
    return {
        aggregate: statsOf(aggregate, seconds),
        endpoints: [...merged.values()].map((endpoint) => statsOf(endpoint, seconds))
    };
}
function mergeEndpoints(a, b) {
    if (!a)
        return b;
    const counts = new Map(a.histogram.map(([ms, count]) => [ms, count]));
    for (const [ms, count] of b.histogram)
        counts.set(ms, (counts.get(ms) ?? 0) + count);
    return {
        method: a.method,
        name: a.name,
        histogram: [...counts.entries()].sort((x, y) => x[0] - y[0]),
        numRequests: a.numRequests + b.numRequests,
        numFailures: a.numFailures + b.numFailures
    };
}
/**
 * An endpoint as Locust's stats would show it from its histogram: the q-percentile is the request
 * at rank ⌊n·q⌋ + 1 (StatsEntry.get_response_time_percentile), p100 the slowest; rates over the
 * round's measured seconds.
 */
function statsOf(endpoint, seconds) {
    const { histogram } = endpoint;
    const n = histogram.reduce((sum, [, count]) => sum + count, 0);
    const at = (q) => n === 0 ? null : q >= 1 ? histogram.at(-1)[0] : (0,_statistics_js__WEBPACK_IMPORTED_MODULE_1__/* .valueAtRank */ .LR)(histogram, Math.floor(n * q) + 1);
    const total = histogram.reduce((sum, [ms, count]) => sum + ms * count, 0);
    return {
        method: endpoint.method,
        name: endpoint.name,
        requests: endpoint.numRequests,
        failures: endpoint.numFailures,
        medianMs: at(0.5),
        avgMs: n === 0 ? null : total / n,
        minMs: n === 0 ? null : histogram[0][0],
        maxMs: n === 0 ? null : histogram.at(-1)[0],
        avgContentSize: null,
        rps: seconds > 0 ? endpoint.numRequests / seconds : 0,
        failRps: seconds > 0 ? endpoint.numFailures / seconds : 0,
        percentiles: _metrics_js__WEBPACK_IMPORTED_MODULE_0__/* .LOCUST_DEFAULT_PERCENTILES */ ._3.map((quantile) => ({
            label: `${quantile}%`,
            quantile,
            ms: at(quantile / 100)
        })),
        ...(n === endpoint.numRequests && n > 0 ? { responseTimes: histogram } : {})
    };
}


/***/ }),

/***/ 5421:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FD: () => (/* binding */ varianceOf),
/* harmony export */   Tl: () => (/* binding */ compareRounds),
/* harmony export */   w2: () => (/* binding */ poolRounds)
/* harmony export */ });
/* unused harmony export roundsLevel */
/* harmony import */ var simple_statistics__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5521);
/* harmony import */ var _statistics_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4811);
/**
 * Rounds (issue 19): a figure measured in K rounds, and a candidate compared with a baseline round
 * by round. Pure: numbers in, numbers out. The method is explained for checking by hand in
 * docs/thresholds.md ("Rounds").
 *
 * Each round gives a log value y_i with a within-round variance v_i (its order-statistic, Poisson
 * or binomial bounds from ./statistics.ts, turned into a standard error). Rounds also differ from
 * each other beyond that (the machine, the target's state): a random effect of variance τ², so
 * y_i ~ N(μ, τ² + v_i). The level is the plain mean ȳ of the K rounds (rounds are equally long by
 * design), and its bound at the one-sided confidence c is
 *
 *   ȳ ± max( t_{c, K−1} · s / √K ,  z_c · √(v̄ / K) )
 *
 * with s the rounds' sample standard deviation and v̄ their mean within-round variance. The first
 * term alone is Student's exact interval whatever τ² is (ȳ and s² come from the same variance
 * τ² + v̄), so the spread between rounds is in every interval and the uncertainty of a spread seen
 * in only K rounds is paid for at K − 1 degrees of freedom; the second never lets the interval be
 * narrower than the rounds' own sampling noise (three rounds that agree by chance, or Locust's
 * rounding making them read alike). Containing an exact interval, the bound covers at least at c
 * for every τ². A paired design (interleaved rounds, a duet) applies this to the per-round
 * differences candidate − baseline, in which the conditions both sides share cancel. τ is reported
 * as the moment estimate √max(0, s² − v̄).
 */


/**
 * The level of K ≥ 1 rounds with its bounds (see above). One round has no between-round term: its
 * own bounds at z. An infinite variance (a round that cannot bound its figure) gives infinite bounds.
 */
function roundsLevel(observations, confidence) {
    const k = observations.length;
    if (k === 0)
        throw new Error('roundsLevel needs at least one round');
    const centre = observations.reduce((sum, round) => sum + round.log, 0) / k;
    const withinVariance = observations.reduce((sum, round) => sum + round.variance, 0) / k;
    if (!Number.isFinite(withinVariance)) {
        return { centre, below: Infinity, above: Infinity, rounds: k, betweenSd: 0 };
    }
    const within = (0,_statistics_js__WEBPACK_IMPORTED_MODULE_1__/* .zOf */ ._6)(confidence) * Math.sqrt(withinVariance / k);
    if (k === 1)
        return { centre, below: within, above: within, rounds: 1, betweenSd: 0 };
    const spread = (0,simple_statistics__WEBPACK_IMPORTED_MODULE_0__/* .sampleStandardDeviation */ .JK)(observations.map((round) => round.log));
    const half = Math.max(within, ((0,_statistics_js__WEBPACK_IMPORTED_MODULE_1__/* .tOf */ .Sr)(confidence, k - 1) * spread) / Math.sqrt(k));
    const betweenSd = Math.sqrt(Math.max(0, spread ** 2 - withinVariance));
    return { centre, below: half, above: half, rounds: k, betweenSd };
}
/** A log estimate's bounds as a variance: the mean of its two distances, as a standard error at z. */
function varianceOf(log, z) {
    return ((log.below + log.above) / (2 * z)) ** 2;
}
function observationOf(log, z) {
    return { log: log.centre, variance: varianceOf(log, z) };
}
function difference(a, b, z) {
    return { log: a.centre - b.centre, variance: varianceOf(a, z) + varianceOf(b, z) };
}
function boundedOf(log) {
    return {
        value: Math.exp(log.centre),
        low: Math.exp(log.centre - log.below),
        high: Math.exp(log.centre + log.above)
    };
}
function unknowableOf(rounds) {
    return rounds.map((round) => round.estimate.unknowable).find((reason) => reason !== undefined);
}
/**
 * K rounds of one side pooled (`rounds: N` without a baseline host, or either side of a paired run):
 * the value is the pooled figure, the bounds those of the rounds' random-effects level.
 */
function poolRounds(rounds, pooledValue, confidence) {
    const z = (0,_statistics_js__WEBPACK_IMPORTED_MODULE_1__/* .zOf */ ._6)(confidence);
    const level = roundsLevel(rounds.map((round) => observationOf((0,_statistics_js__WEBPACK_IMPORTED_MODULE_1__/* .toLog */ .gY)(round.estimate), z)), confidence);
    const unknowable = unknowableOf(rounds);
    return {
        value: pooledValue,
        level,
        bounds: { ...boundedOf(level), value: pooledValue },
        ...(unknowable === undefined ? {} : { unknowable })
    };
}
/**
 * The candidate against the baseline round by round, against the limit baseline × factor +
 * offset: per round, d_i = log(candidate_i) − log(baseline_i × factor + offset) with the variance
 * of both sides' bounds; the rule's side of zero comes from the random-effects level of the d_i
 * (modified Knapp–Hartung), so a round effect shared by both sides cancels and the spread of the
 * differences between rounds is in the interval. `pooled` holds each side's figure over all its
 * rounds, the values shown.
 */
function compareRounds(pairs, pooled, bound, confidence) {
    const z = (0,_statistics_js__WEBPACK_IMPORTED_MODULE_1__/* .zOf */ ._6)(confidence);
    const logs = pairs.map((pair) => ({
        candidate: (0,_statistics_js__WEBPACK_IMPORTED_MODULE_1__/* .toLog */ .gY)(pair.candidate.estimate),
        baseline: (0,_statistics_js__WEBPACK_IMPORTED_MODULE_1__/* .toLog */ .gY)(pair.baseline.estimate)
    }));
    // One round a side is one run against one: the spread between rounds is assumed, as there.
    const assumedVariance = pairs.length === 1
        ? ((0,_statistics_js__WEBPACK_IMPORTED_MODULE_1__/* .assumedRunToRun */ .QB)(pairs[0].candidate.estimate, confidence) / z) ** 2 +
            ((0,_statistics_js__WEBPACK_IMPORTED_MODULE_1__/* .assumedRunToRun */ .QB)(pairs[0].baseline.estimate, confidence) / z) ** 2
        : 0;
    const withAssumed = (round) => ({
        ...round,
        variance: round.variance + assumedVariance
    });
    const toLimit = roundsLevel(logs.map((round) => withAssumed(difference(round.candidate, (0,_statistics_js__WEBPACK_IMPORTED_MODULE_1__/* .scaledLimit */ .Ag)(round.baseline, bound.factor, bound.offset), z))), confidence);
    const ratio = roundsLevel(logs.map((round) => withAssumed(difference(round.candidate, round.baseline, z))), confidence);
    const candidate = roundsLevel(logs.map((round) => observationOf(round.candidate, z)), confidence);
    const baseline = roundsLevel(logs.map((round) => observationOf(round.baseline, z)), confidence);
    const step = Math.max(...pairs.flatMap((pair) => [pair.candidate.estimate.step, pair.baseline.estimate.step]));
    const unknowable = unknowableOf(pairs.flatMap((pair) => [pair.candidate, pair.baseline]));
    const limitValue = pooled.baseline * bound.factor + bound.offset;
    const limitLevel = (0,_statistics_js__WEBPACK_IMPORTED_MODULE_1__/* .scaledLimit */ .Ag)(baseline, bound.factor, bound.offset);
    return {
        now: { ...boundedOf(candidate), value: pooled.candidate },
        baseline: { ...boundedOf(baseline), value: pooled.baseline },
        ratio: boundedOf(ratio),
        limit: { ...boundedOf(limitLevel), value: limitValue },
        side: (0,_statistics_js__WEBPACK_IMPORTED_MODULE_1__/* .sideOfZero */ .$f)(toLimit),
        withinStep: step > 0 && Math.abs(pooled.candidate - pooled.baseline) <= step,
        runToRunAssumed: assumedVariance > 0,
        rounds: pairs.length,
        betweenSd: ratio.betweenSd,
        ...(unknowable === undefined ? {} : { unknowable })
    };
}


/***/ }),

/***/ 4811:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $f: () => (/* binding */ sideOfZero),
/* harmony export */   Ag: () => (/* binding */ scaledLimit),
/* harmony export */   GX: () => (/* binding */ meanEstimate),
/* harmony export */   Jo: () => (/* binding */ proportionEstimate),
/* harmony export */   LR: () => (/* binding */ valueAtRank),
/* harmony export */   Ld: () => (/* binding */ rateEstimate),
/* harmony export */   QB: () => (/* binding */ assumedRunToRun),
/* harmony export */   Sr: () => (/* binding */ tOf),
/* harmony export */   U$: () => (/* binding */ TIME_RESOLUTION_MS),
/* harmony export */   Yo: () => (/* binding */ exactEstimate),
/* harmony export */   Zr: () => (/* binding */ cdfPoints),
/* harmony export */   _6: () => (/* binding */ zOf),
/* harmony export */   at: () => (/* binding */ windowSpread),
/* harmony export */   gY: () => (/* binding */ toLog),
/* harmony export */   iC: () => (/* binding */ percentileEstimate),
/* harmony export */   qB: () => (/* binding */ compareRuns)
/* harmony export */ });
/* unused harmony exports roundingStep, locustRound, rankBounds, minimumRequests, valueAtQuantile, MIN_WINDOWS, MIN_WINDOWS_FOR_AUTOCORRELATION, withTimeSpread, combineRuns, withRunToRun, logDifference */
/* harmony import */ var simple_statistics__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5521);
/**
 * The statistics behind a verdict that tells a regression from noise (docs/thresholds.md): each
 * figure a rule reads becomes an estimate with one-sided bounds at the chosen confidence, and a
 * baseline rule compares the run with its baselines on the log scale. Pure: numbers in, numbers out.
 *
 * - Percentiles: distribution-free order-statistic bounds. The number of requests at or below the
 *   true p-quantile is Binomial(n, p); its normal approximation (with continuity correction) gives
 *   the ranks that bound the quantile, and the empirical CDF (a full histogram, or Locust's written
 *   percentile points interpolated) maps the ranks to milliseconds.
 * - Locust's rounding (1 ms below 100 ms, 10 ms below 1 s, 100 ms below 10 s, 1 s above): every
 *   bound is widened by half a step, and a change within one step is never a regression.
 * - Time windows: the spread of the per-window percentiles inside the run (batch means), a second
 *   estimate of the run's uncertainty that widens its bounds where it is larger.
 * - Several baseline runs: their spread is the run-to-run noise, added to both sides. One run
 *   against one cannot measure it: each time figure is then assumed to move between runs by one of
 *   Locust's rounding steps (one standard deviation), added in quadrature to both sides.
 * - Two estimates combine by the MOVER method (Zou & Donner 2008): the bounds of a difference of
 *   log values from the bounds of each, which keeps asymmetric intervals asymmetric.
 */

/** Locust's response-time resolution at a value: the step it rounds to. */
function roundingStep(ms) {
    if (ms < 100)
        return 1;
    if (ms < 1000)
        return 10;
    if (ms < 10_000)
        return 100;
    return 1000;
}
/** A response time as Locust records it (StatsEntry._log_time_of_request): rounded to its step. */
function locustRound(ms) {
    const step = roundingStep(ms);
    return Math.round(ms / step) * step;
}
/** Below half of Locust's finest step a time is indistinguishable from zero: logs use this floor. */
const TIME_RESOLUTION_MS = 0.5;
/** The one-sided normal quantile for a confidence: 1.645 at 0.95. */
function zOf(confidence) {
    return (0,simple_statistics__WEBPACK_IMPORTED_MODULE_0__/* .probit */ .ht)(confidence);
}
/**
 * Student's t quantile at a one-sided confidence with ν degrees of freedom: exact for ν = 1
 * (Cauchy) and ν = 2, the Cornish–Fisher expansion in z (Abramowitz & Stegun 26.7.5) above.
 * The spread of K baseline runs is known only to K − 1 degrees of freedom, so few runs give wide
 * bounds rather than false confidence.
 */
function tOf(confidence, degreesOfFreedom) {
    if (degreesOfFreedom <= 1)
        return Math.tan(Math.PI * (confidence - 0.5));
    if (degreesOfFreedom === 2) {
        return (2 * confidence - 1) / Math.sqrt(2 * confidence * (1 - confidence));
    }
    const z = zOf(confidence);
    const v = degreesOfFreedom;
    return (z +
        (z ** 3 + z) / (4 * v) +
        (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * v ** 2) +
        (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * v ** 3));
}
/**
 * The 1-based ranks whose order statistics bound the q-quantile (0 < q ≤ 1) of n requests, each
 * one-sided at the confidence z stands for: P(X(low) ≤ ξq) ≥ c and P(X(high) ≥ ξq) ≥ c. A rank
 * below 1 or above n means the sample cannot bound that side.
 */
function rankBounds(n, q, z) {
    const mean = n * q;
    const sd = Math.sqrt(n * q * (1 - q));
    return {
        low: Math.floor(mean - z * sd + 0.5),
        high: Math.ceil(mean + z * sd - 0.5) + 1
    };
}
/** The fewest requests whose sample bounds the q-quantile from above at confidence z. */
function minimumRequests(q, z) {
    if (q >= 1)
        return Number.POSITIVE_INFINITY;
    let n = 1;
    while (rankBounds(n, q, z).high > n && n < 1e9)
        n = Math.ceil(n * 1.05) + 1;
    let low = Math.max(1, Math.floor(n / 1.05) - 1);
    while (low < n && rankBounds(low, q, z).high > low)
        low++;
    return low;
}
/** The value of the request at a 1-based rank in a histogram; 0 below it, Infinity above it. */
function valueAtRank(histogram, rank) {
    if (rank < 1)
        return 0;
    let seen = 0;
    for (const [ms, count] of histogram) {
        seen += count;
        if (seen >= rank)
            return ms;
    }
    return Number.POSITIVE_INFINITY;
}
/**
 * The value at quantile q by Locust's written points: between neighbouring points the CDF is
 * unknown; the value is interpolated linearly in its logarithm (response times spread
 * multiplicatively, so a gap from 8 ms at p99 to 1 s at p99.9 is not filled evenly; linearly when a
 * point is 0). The smallest point's value below it (or `minMs` at 0), Infinity above the last
 * point when it is below 100 %.
 */
function valueAtQuantile(points, q) {
    if (q <= 0)
        return points[0]?.ms ?? 0;
    for (let k = 0; k < points.length; k++) {
        const right = points[k];
        if (q > right.q)
            continue;
        if (k === 0)
            return right.ms;
        const left = points[k - 1];
        const share = (q - left.q) / (right.q - left.q);
        if (left.ms <= 0)
            return left.ms + (right.ms - left.ms) * share;
        return left.ms * (right.ms / left.ms) ** share;
    }
    return Number.POSITIVE_INFINITY;
}
/**
 * The CDF Locust's written percentiles of n requests describe, as points from 0 (the minimum, when
 * known) to the largest written quantile, in increasing order and made monotone (this guards
 * against a hand-edited file). Locust's q-percentile is the request at rank ⌊n·q⌋ + 1
 * (StatsEntry.get_response_time_percentile), so each point sits at that rank's quantile.
 */
function cdfPoints(percentiles, minMs, n) {
    const sorted = [...percentiles]
        .filter((p) => p.q > 0 && p.q <= 1)
        .map((p) => ({ q: Math.min(1, (Math.floor(n * p.q) + 1) / n), ms: p.ms }))
        .sort((a, b) => a.q - b.q);
    const points = minMs === null ? [] : [{ q: 0, ms: minMs }];
    for (const point of sorted) {
        const last = points.at(-1);
        if (last && point.q === last.q)
            continue;
        points.push({ q: point.q, ms: Math.max(point.ms, last?.ms ?? 0) });
    }
    return points;
}
/**
 * The q-quantile's one-sided bounds from n requests. `value` is the point value the rule reads
 * (Locust's own percentile); the bounds come from the order statistics at the binomial ranks,
 * widened by half a rounding step each (a recorded time stands for every time that rounds to it).
 */
function percentileEstimate(source, n, q, value, confidence) {
    const z = zOf(confidence);
    const ranks = rankBounds(n, q, z);
    const at = (rank) => source.kind === 'histogram'
        ? valueAtRank(source.histogram, rank)
        : rank < 1
            ? 0
            : rank > n
                ? Number.POSITIVE_INFINITY
                : valueAtQuantile(source.points, rank / n);
    const lowValue = Math.min(at(ranks.low), value);
    const highValue = Math.max(at(ranks.high), value);
    const estimate = {
        value,
        low: Math.max(0, lowValue - roundingStep(lowValue) / 2),
        high: highValue + roundingStep(highValue) / 2,
        method: source.kind,
        resolution: TIME_RESOLUTION_MS,
        step: roundingStep(value)
    };
    if (ranks.high <= n)
        return estimate;
    const needed = minimumRequests(q, z);
    const unknowable = `${n} request${n === 1 ? '' : 's'}: p${formatQuantile(q)} unknowable` +
        (Number.isFinite(needed) ? ` (needs at least ${needed})` : '');
    return { ...estimate, high: Number.POSITIVE_INFINITY, unknowable };
}
function formatQuantile(q) {
    return String(Math.round(q * 100 * 1e6) / 1e6);
}
/**
 * The mean response time's bounds: the standard error from the spread of the distribution (the
 * histogram, or the CSV points read as a piecewise-linear quantile function) over √n.
 */
function meanEstimate(source, n, value, confidence) {
    const z = zOf(confidence);
    const sd = source.kind === 'histogram' ? histogramSd(source.histogram) : pointsSd(source.points);
    const halfWidth = n > 1 ? (z * sd) / Math.sqrt(n) : Number.POSITIVE_INFINITY;
    return {
        value,
        low: Math.max(0, value - halfWidth),
        high: value + halfWidth,
        method: source.kind,
        resolution: TIME_RESOLUTION_MS,
        step: 0
    };
}
function histogramSd(histogram) {
    let n = 0;
    let sum = 0;
    let sumSquares = 0;
    for (const [ms, count] of histogram) {
        n += count;
        sum += ms * count;
        sumSquares += ms * ms * count;
    }
    if (n < 2)
        return 0;
    const mean = sum / n;
    return Math.sqrt(Math.max(0, (sumSquares - n * mean * mean) / (n - 1)));
}
/** The spread of a piecewise-linear quantile function: the mass of each segment at its values. */
function pointsSd(points) {
    let mean = 0;
    let second = 0;
    for (let k = 1; k < points.length; k++) {
        const [a, b] = [points[k - 1], points[k]];
        const mass = b.q - a.q;
        // A uniform segment from a.ms to b.ms: its mean and second moment.
        mean += (mass * (a.ms + b.ms)) / 2;
        second += (mass * (a.ms * a.ms + a.ms * b.ms + b.ms * b.ms)) / 3;
    }
    const covered = points.length > 1 ? points.at(-1).q - points[0].q : 0;
    if (covered <= 0)
        return 0;
    const m = mean / covered;
    return Math.sqrt(Math.max(0, second / covered - m * m));
}
/** A rate from a count: Poisson bounds on the count, scaled to the rate. */
function rateEstimate(value, count, confidence) {
    const z = zOf(confidence);
    const relative = count > 0 ? z / Math.sqrt(count) : Number.POSITIVE_INFINITY;
    return {
        value,
        low: value * Math.exp(-relative),
        high: value * Math.exp(relative),
        method: 'poisson',
        resolution: count > 0 ? (0.5 * value) / count : Number.MIN_VALUE,
        step: 0
    };
}
/** A proportion (failures of requests): Wilson score bounds. */
function proportionEstimate(successes, n, confidence) {
    const z = zOf(confidence);
    const p = n > 0 ? successes / n : 0;
    const denominator = 1 + (z * z) / n;
    const centre = (p + (z * z) / (2 * n)) / denominator;
    const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
    return {
        value: p,
        // Exactly 0 (or 1) when none (or all) failed, not a rounding error away from it.
        low: successes === 0 ? 0 : Math.max(0, centre - half),
        high: successes === n ? 1 : Math.min(1, centre + half),
        method: 'binomial',
        resolution: n > 0 ? 0.5 / n : 1,
        step: 0
    };
}
/** A figure without a sampling model (min, max, counts): exact. */
function exactEstimate(value) {
    return {
        value,
        low: value,
        high: value,
        method: 'exact',
        resolution: Math.max(Math.abs(value) * 1e-9, Number.MIN_VALUE),
        step: 0
    };
}
/** Fewer windows than this give no spread: two values cannot tell drift from chance. */
const MIN_WINDOWS = 3;
/** From this many windows on, their lag-1 autocorrelation is estimated and corrects the spread. */
const MIN_WINDOWS_FOR_AUTOCORRELATION = 10;
/** The autocorrelation used at most: beyond it a handful of windows would claim infinite spread. */
const MAX_AUTOCORRELATION = 0.9;
/**
 * The batch-means standard error of a run's level on the log scale, from the values of disjoint
 * windows in time order (Locust's 10 s windows, results/history.ts): the sample standard deviation
 * of their logs over √windows, known to windows − 1 degrees of freedom. A slow drift makes
 * neighbouring windows alike, and then that is too small: from MIN_WINDOWS_FOR_AUTOCORRELATION
 * windows on, the variance is multiplied by (1 + ρ)/(1 − ρ), the variance of the mean of an AR(1)
 * series with the windows' lag-1 autocorrelation ρ (taken as 0 when negative). Null with fewer
 * than MIN_WINDOWS windows.
 */
function windowSpread(values, resolution) {
    const logs = values.filter(Number.isFinite).map((value) => Math.log(Math.max(value, resolution)));
    if (logs.length < MIN_WINDOWS)
        return null;
    const sd = (0,simple_statistics__WEBPACK_IMPORTED_MODULE_0__/* .sampleStandardDeviation */ .JK)(logs);
    const rho = logs.length >= MIN_WINDOWS_FOR_AUTOCORRELATION
        ? Math.min(Math.max(lagOneAutocorrelation(logs), 0), MAX_AUTOCORRELATION)
        : 0;
    return {
        se: (sd / Math.sqrt(logs.length)) * Math.sqrt((1 + rho) / (1 - rho)),
        degreesOfFreedom: logs.length - 1
    };
}
function lagOneAutocorrelation(values) {
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    let lagged = 0;
    let squares = 0;
    for (let k = 0; k < values.length; k++) {
        squares += (values[k] - mean) ** 2;
        if (k > 0)
            lagged += (values[k] - mean) * (values[k - 1] - mean);
    }
    return squares > 0 ? lagged / squares : 0;
}
/** An estimate on the log scale: its centre and its bounds' distances, as they are. */
function toLog(estimate) {
    const log = (value) => Math.log(Math.max(value, estimate.resolution));
    const centre = log(estimate.value);
    return { centre, below: centre - log(estimate.low), above: log(estimate.high) - centre };
}
/**
 * A run's log estimate with its spread over time. The batch-means spread of the windows already
 * holds the sampling noise inside them (each window is a sample of the run's requests) and adds
 * any drift between them: it is a second estimate of the same uncertainty the order statistics
 * bound when requests are independent, not a further term. So each side is the wider of the two
 * (t·se with the windows' degrees of freedom), never their sum: adding them would count the
 * sampling noise twice.
 */
function withTimeSpread(estimate, spread, confidence) {
    if (spread === null)
        return estimate;
    const half = tOf(confidence, spread.degreesOfFreedom) * spread.se;
    return {
        centre: estimate.centre,
        below: Math.max(estimate.below, half),
        above: Math.max(estimate.above, half)
    };
}
/**
 * Several runs of the same code (the baseline history) as one estimate of their level: the mean
 * of the logs. The spread between runs (its sample standard deviation s) is the run-to-run noise:
 * the mean's bounds are at least t·s/√K wide, and `runToRun` (t·s, t Student's quantile with K − 1
 * degrees of freedom) widens a single run judged against them. With one run there is no such term.
 */
function combineRuns(runs, confidence) {
    if (runs.length === 1)
        return { level: runs[0], runToRun: 0 };
    const k = runs.length;
    const centres = runs.map((run) => run.centre);
    const runToRun = tOf(confidence, k - 1) * (0,simple_statistics__WEBPACK_IMPORTED_MODULE_0__/* .sampleStandardDeviation */ .JK)(centres);
    const meanSquare = (side) => runs.reduce((sum, run) => sum + run[side] ** 2, 0) / k;
    const side = (name) => Math.sqrt(Math.max(meanSquare(name), runToRun ** 2) / k);
    return {
        level: {
            centre: centres.reduce((sum, c) => sum + c, 0) / k,
            below: side('below'),
            above: side('above')
        },
        runToRun
    };
}
/**
 * The run-to-run noise assumed for a time figure when it cannot be measured (one run against one):
 * a standard deviation of one Locust rounding step, on the log scale step ÷ value, so the
 * one-sided distance at the confidence is z·step ÷ value. That is 1–10 % from 10 ms up and more
 * below (a 3 ms p95 moves by a third). Figures without a rounding step (rates, ratios) get none.
 */
function assumedRunToRun(estimate, confidence) {
    if (estimate.method !== 'histogram' && estimate.method !== 'csv-percentiles')
        return 0;
    const value = Math.max(estimate.value, estimate.resolution);
    return (zOf(confidence) * roundingStep(value)) / value;
}
/** A log estimate widened in quadrature by an independent source of noise of distance `extra`. */
function widenedBy(estimate, extra) {
    if (extra === 0)
        return estimate;
    return {
        centre: estimate.centre,
        below: Math.hypot(estimate.below, extra),
        above: Math.hypot(estimate.above, extra)
    };
}
/** A log estimate widened by run-to-run noise (a single run is one draw among runs). */
function withRunToRun(estimate, runToRun) {
    return {
        centre: estimate.centre,
        below: Math.max(estimate.below, runToRun),
        above: Math.max(estimate.above, runToRun)
    };
}
/**
 * The bounds of log(a) − log(b) from the bounds of each (MOVER): the lower bound pairs a's lower
 * with b's upper distance, the upper bound a's upper with b's lower.
 */
function logDifference(a, b) {
    return {
        centre: a.centre - b.centre,
        below: Math.hypot(a.below, b.above),
        above: Math.hypot(a.above, b.below)
    };
}
/** A log estimate scaled: log(f·B + o) from log B's bounds (the limit of a baseline rule). */
function scaledLimit(baseline, factor, offset) {
    const at = (logValue) => Math.log(Math.max(Math.exp(logValue) * factor + offset, Number.MIN_VALUE));
    const centre = at(baseline.centre);
    return {
        centre,
        below: centre - at(baseline.centre - baseline.below),
        above: at(baseline.centre + baseline.above) - centre
    };
}
/**
 * Where a log difference stands against zero: above it (the first is larger) at the confidence
 * its bounds carry, below it, or undecided (its bounds straddle zero).
 */
function sideOfZero(difference) {
    if (difference.centre - difference.below > 0)
        return 'above';
    if (difference.centre + difference.above < 0)
        return 'below';
    return 'straddles';
}
/**
 * Compares a run's figure with the same figure of one or more baseline runs, against the limit
 * baseline × factor + offset, on the log scale (a slowdown is a ratio). Each side's bounds carry
 * its sampling noise, its time spread and, with several baseline runs, the run-to-run noise.
 */
function compareRuns(now, baselines, bound, confidence) {
    const logOf = (measured) => measured.log ?? withTimeSpread(toLog(measured.estimate), measured.spread, confidence);
    // Several runs and rounds (./rounds.ts) measure the spread between runs; one run against one
    // cannot: it is assumed on both sides.
    const oneAgainstOne = baselines.length === 1 && now.log === undefined && baselines[0].log === undefined;
    const assumed = (measured) => oneAgainstOne ? assumedRunToRun(measured.estimate, confidence) : 0;
    const combined = combineRuns(baselines.map(logOf), confidence);
    const assumedNow = assumed(now);
    const level = widenedBy(combined.level, assumed(baselines[0]));
    const current = widenedBy(withRunToRun(logOf(now), combined.runToRun), assumedNow);
    const limit = scaledLimit(level, bound.factor, bound.offset);
    const bounded = (log) => ({
        value: Math.exp(log.centre),
        low: Math.exp(log.centre - log.below),
        high: Math.exp(log.centre + log.above)
    });
    const baseline = baselines.length === 1
        ? { ...bounded(level), value: baselines[0].estimate.value }
        : bounded(level);
    const step = Math.max(...baselines.map((run) => run.estimate.step), now.estimate.step);
    const unknowable = now.estimate.unknowable ??
        baselines.map((run) => run.estimate.unknowable).find((reason) => reason !== undefined);
    return {
        now: { ...bounded(current), value: now.estimate.value },
        baseline,
        ratio: bounded(logDifference(current, level)),
        limit: {
            ...bounded(limit),
            value: baseline.value * bound.factor + bound.offset
        },
        side: sideOfZero(logDifference(current, limit)),
        withinStep: step > 0 && Math.abs(now.estimate.value - baseline.value) <= step,
        runToRunAssumed: assumedNow > 0,
        ...(unknowable === undefined ? {} : { unknowable })
    };
}


/***/ }),

/***/ 5521:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   JK: () => (/* binding */ sampleStandardDeviation),
/* harmony export */   ht: () => (/* binding */ probit)
/* harmony export */ });
/* unused harmony exports BayesianClassifier, PerceptronModel, addToMean, approxEqual, average, averageSimple, bayesian, bernoulliDistribution, binomialDistribution, bisect, chiSquaredDistributionTable, chiSquaredGoodnessOfFit, chunk, ckmeans, coefficientOfVariation, combinations, combinationsReplacement, combineMeans, combineVariances, cumulativeStdLogisticProbability, cumulativeStdNormalProbability, epsilon, equalIntervalBreaks, erf, errorFunction, extent, extentSorted, factorial, gamma, gammaln, geometricMean, harmonicMean, interquartileRange, inverseErrorFunction, iqr, jenks, kMeansCluster, kde, kernelDensityEstimation, linearRegression, linearRegressionLine, logAverage, logit, mad, max, maxSorted, mean, meanSimple, median, medianAbsoluteDeviation, medianSorted, min, minSorted, mode, modeFast, modeSorted, normalDistribution, numericSort, perceptron, permutationTest, permutationsHeap, poissonDistribution, product, quantile, quantileRank, quantileRankSorted, quantileSorted, quickselect, rSquared, relativeError, rms, rootMeanSquare, sample, sampleCorrelation, sampleCovariance, sampleKurtosis, sampleRankCorrelation, sampleSkewness, sampleVariance, sampleWithReplacement, scaledRootMeanSquare, shuffle, shuffleInPlace, sign, silhouette, silhouetteMetric, standardDeviation, standardNormalTable, subtractFromMean, sum, sumNthPowerDeviations, sumSimple, tTest, tTestTwoSample, uniqueCountSorted, variance, weightedLinearRegression, weightedMean, weightedQuantile, weightedStandardDeviation, weightedVariance, wilcoxonRankSum, zScore */
/**
 * When adding a new value to a list, one does not have to necessary
 * recompute the mean of the list in linear time. They can instead use
 * this function to compute the new mean by providing the current mean,
 * the number of elements in the list that produced it and the new
 * value to add.
 *
 * @since 2.5.0
 * @param {number} mean current mean
 * @param {number} n number of items in the list
 * @param {number} newValue the added value
 * @returns {number} the new mean
 *
 * @example
 * addToMean(14, 5, 53); // => 20.5
 */
function addToMean(mean, n, newValue) {
    return mean + (newValue - mean) / (n + 1);
}

/**
 * Split an array into chunks of a specified size. This function
 * has the same behavior as [PHP's array_chunk](http://php.net/manual/en/function.array-chunk.php)
 * function, and thus will insert smaller-sized chunks at the end if
 * the input size is not divisible by the chunk size.
 *
 * `x` is expected to be an array, and `chunkSize` a number.
 * The `x` array can contain any kind of data.
 *
 * @param {Array} x a sample
 * @param {number} chunkSize size of each output array. must be a positive integer
 * @returns {Array<Array>} a chunked array
 * @throws {Error} if chunk size is less than 1 or not an integer
 * @example
 * chunk([1, 2, 3, 4, 5, 6], 2);
 * // => [[1, 2], [3, 4], [5, 6]]
 */
function chunk(x, chunkSize) {
    // a list of result chunks, as arrays in an array
    var output = [];

    // `chunkSize` must be zero or higher - otherwise the loop below,
    // in which we call `start += chunkSize`, will loop infinitely.
    // So, we'll detect and throw in that case to indicate
    // invalid input.
    if (chunkSize < 1) {
        throw new Error("chunk size must be a positive number");
    }

    if (Math.floor(chunkSize) !== chunkSize) {
        throw new Error("chunk size must be an integer");
    }

    // `start` is the index at which `.slice` will start selecting
    // new array elements
    for (var start = 0; start < x.length; start += chunkSize) {
        // for each chunk, slice that part of the array and add it
        // to the output. The `.slice` function does not change
        // the original array.
        output.push(x.slice(start, start + chunkSize));
    }
    return output;
}

/**
 * Create a new column x row matrix.
 *
 * @private
 * @param {number} columns
 * @param {number} rows
 * @return {Array<Array<number>>} matrix
 * @example
 * makeMatrix(10, 10);
 */
function makeMatrix(columns, rows) {
    var matrix = [];
    for (var i = 0; i < columns; i++) {
        var column = [];
        for (var j = 0; j < rows; j++) {
            column.push(0);
        }
        matrix.push(column);
    }
    return matrix;
}

/**
 * Sort an array of numbers by their numeric value, ensuring that the
 * array is not changed in place.
 *
 * This is necessary because the default behavior of .sort
 * in JavaScript is to sort arrays as string values
 *
 *     [1, 10, 12, 102, 20].sort()
 *     // output
 *     [1, 10, 102, 12, 20]
 *
 * @param {Array<number>} x input array
 * @return {Array<number>} sorted array
 * @private
 * @example
 * numericSort([3, 2, 1]) // => [1, 2, 3]
 */
function numericSort(x) {
    return (
        x
            // ensure the array is not changed in-place
            .slice()
            // comparator function that treats input as numeric
            .sort(function (a, b) {
                return a - b;
            })
    );
}

/**
 * For a sorted input, counting the number of unique values
 * is possible in constant time and constant memory. This is
 * a simple implementation of the algorithm.
 *
 * Values are compared with `===`, so objects and non-primitive objects
 * are not handled in any special way.
 *
 * @param {Array<*>} x an array of any kind of value
 * @returns {number} count of unique values
 * @example
 * uniqueCountSorted([1, 2, 3]); // => 3
 * uniqueCountSorted([1, 1, 1]); // => 1
 */
function uniqueCountSorted(x) {
    var uniqueValueCount = 0;
    var lastSeenValue;
    for (var i = 0; i < x.length; i++) {
        if (i === 0 || x[i] !== lastSeenValue) {
            lastSeenValue = x[i];
            uniqueValueCount++;
        }
    }
    return uniqueValueCount;
}

/**
 * Generates incrementally computed values based on the sums and sums of
 * squares for the data array
 *
 * @private
 * @param {number} j
 * @param {number} i
 * @param {Array<number>} sums
 * @param {Array<number>} sumsOfSquares
 * @return {number}
 * @example
 * ssq(0, 1, [-1, 0, 2], [1, 1, 5]);
 */
function ssq(j, i, sums, sumsOfSquares) {
    var sji; // s(j, i)
    if (j > 0) {
        var muji = (sums[i] - sums[j - 1]) / (i - j + 1); // mu(j, i)
        sji =
            sumsOfSquares[i] - sumsOfSquares[j - 1] - (i - j + 1) * muji * muji;
    } else {
        sji = sumsOfSquares[i] - (sums[i] * sums[i]) / (i + 1);
    }
    if (sji < 0) {
        return 0;
    }
    return sji;
}

/**
 * Function that recursively divides and conquers computations
 * for cluster j
 *
 * @private
 * @param {number} iMin Minimum index in cluster to be computed
 * @param {number} iMax Maximum index in cluster to be computed
 * @param {number} cluster Index of the cluster currently being computed
 * @param {Array<Array<number>>} matrix
 * @param {Array<Array<number>>} backtrackMatrix
 * @param {Array<number>} sums
 * @param {Array<number>} sumsOfSquares
 */
function fillMatrixColumn(
    iMin,
    iMax,
    cluster,
    matrix,
    backtrackMatrix,
    sums,
    sumsOfSquares
) {
    if (iMin > iMax) {
        return;
    }

    // Start at midpoint between iMin and iMax
    var i = Math.floor((iMin + iMax) / 2);

    matrix[cluster][i] = matrix[cluster - 1][i - 1];
    backtrackMatrix[cluster][i] = i;

    var jlow = cluster; // the lower end for j

    if (iMin > cluster) {
        jlow = Math.max(jlow, backtrackMatrix[cluster][iMin - 1] || 0);
    }
    jlow = Math.max(jlow, backtrackMatrix[cluster - 1][i] || 0);

    var jhigh = i - 1; // the upper end for j
    if (iMax < matrix[0].length - 1) {
        /* c8 ignore start */
        jhigh = Math.min(jhigh, backtrackMatrix[cluster][iMax + 1] || 0);
        /* c8 ignore end */
    }

    var sji;
    var sjlowi;
    var ssqjlow;
    var ssqj;
    for (var j = jhigh; j >= jlow; --j) {
        sji = ssq(j, i, sums, sumsOfSquares);

        if (sji + matrix[cluster - 1][jlow - 1] >= matrix[cluster][i]) {
            break;
        }

        // Examine the lower bound of the cluster border
        sjlowi = ssq(jlow, i, sums, sumsOfSquares);

        ssqjlow = sjlowi + matrix[cluster - 1][jlow - 1];

        if (ssqjlow < matrix[cluster][i]) {
            // Shrink the lower bound
            matrix[cluster][i] = ssqjlow;
            backtrackMatrix[cluster][i] = jlow;
        }
        jlow++;

        ssqj = sji + matrix[cluster - 1][j - 1];
        if (ssqj < matrix[cluster][i]) {
            matrix[cluster][i] = ssqj;
            backtrackMatrix[cluster][i] = j;
        }
    }

    fillMatrixColumn(
        iMin,
        i - 1,
        cluster,
        matrix,
        backtrackMatrix,
        sums,
        sumsOfSquares
    );
    fillMatrixColumn(
        i + 1,
        iMax,
        cluster,
        matrix,
        backtrackMatrix,
        sums,
        sumsOfSquares
    );
}

/**
 * Initializes the main matrices used in Ckmeans and kicks
 * off the divide and conquer cluster computation strategy
 *
 * @private
 * @param {Array<number>} data sorted array of values
 * @param {Array<Array<number>>} matrix
 * @param {Array<Array<number>>} backtrackMatrix
 */
function fillMatrices(data, matrix, backtrackMatrix) {
    var nValues = matrix[0].length;

    // Shift values by the median to improve numeric stability
    var shift = data[Math.floor(nValues / 2)];

    // Cumulative sum and cumulative sum of squares for all values in data array
    var sums = [];
    var sumsOfSquares = [];

    // Initialize first column in matrix & backtrackMatrix
    for (var i = 0, shiftedValue = (void 0); i < nValues; ++i) {
        shiftedValue = data[i] - shift;
        if (i === 0) {
            sums.push(shiftedValue);
            sumsOfSquares.push(shiftedValue * shiftedValue);
        } else {
            sums.push(sums[i - 1] + shiftedValue);
            sumsOfSquares.push(
                sumsOfSquares[i - 1] + shiftedValue * shiftedValue
            );
        }

        // Initialize for cluster = 0
        matrix[0][i] = ssq(0, i, sums, sumsOfSquares);
        backtrackMatrix[0][i] = 0;
    }

    // Initialize the rest of the columns
    var iMin;
    for (var cluster = 1; cluster < matrix.length; ++cluster) {
        if (cluster < matrix.length - 1) {
            iMin = cluster;
        } else {
            // No need to compute matrix[K-1][0] ... matrix[K-1][N-2]
            iMin = nValues - 1;
        }

        fillMatrixColumn(
            iMin,
            nValues - 1,
            cluster,
            matrix,
            backtrackMatrix,
            sums,
            sumsOfSquares
        );
    }
}

/**
 * Ckmeans clustering is an improvement on heuristic-based clustering
 * approaches like Jenks. The algorithm was developed in
 * [Haizhou Wang and Mingzhou Song](http://journal.r-project.org/archive/2011-2/RJournal_2011-2_Wang+Song.pdf)
 * as a [dynamic programming](https://en.wikipedia.org/wiki/Dynamic_programming) approach
 * to the problem of clustering numeric data into groups with the least
 * within-group sum-of-squared-deviations.
 *
 * Minimizing the difference within groups - what Wang & Song refer to as
 * `withinss`, or within sum-of-squares, means that groups are optimally
 * homogenous within and the data is split into representative groups.
 * This is very useful for visualization, where you may want to represent
 * a continuous variable in discrete color or style groups. This function
 * can provide groups that emphasize differences between data.
 *
 * Being a dynamic approach, this algorithm is based on two matrices that
 * store incrementally-computed values for squared deviations and backtracking
 * indexes.
 *
 * This implementation is based on Ckmeans 3.4.6, which introduced a new divide
 * and conquer approach that improved runtime from O(kn^2) to O(kn log(n)).
 *
 * Unlike the [original implementation](https://cran.r-project.org/web/packages/Ckmeans.1d.dp/index.html),
 * this implementation does not include any code to automatically determine
 * the optimal number of clusters: this information needs to be explicitly
 * provided.
 *
 * ### References
 * _Ckmeans.1d.dp: Optimal k-means Clustering in One Dimension by Dynamic
 * Programming_ Haizhou Wang and Mingzhou Song ISSN 2073-4859
 *
 * from The R Journal Vol. 3/2, December 2011
 * @param {Array<number>} x input data, as an array of number values
 * @param {number} nClusters number of desired classes. This cannot be
 * greater than the number of values in the data array.
 * @returns {Array<Array<number>>} clustered input
 * @throws {Error} if the number of requested clusters is higher than the size of the data
 * @example
 * ckmeans([-1, 2, -1, 2, 4, 5, 6, -1, 2, -1], 3);
 * // The input, clustered into groups of similar numbers.
 * //= [[-1, -1, -1, -1], [2, 2, 2], [4, 5, 6]]);
 */
function ckmeans(x, nClusters) {
    if (nClusters > x.length) {
        throw new Error(
            "cannot generate more classes than there are data values"
        );
    }

    var sorted = numericSort(x);
    // we'll use this as the maximum number of clusters
    var uniqueCount = uniqueCountSorted(sorted);

    // if all of the input values are identical, there's one cluster
    // with all of the input in it.
    if (uniqueCount === 1) {
        return [sorted];
    }

    // named 'S' originally
    var matrix = makeMatrix(nClusters, sorted.length);
    // named 'J' originally
    var backtrackMatrix = makeMatrix(nClusters, sorted.length);

    // This is a dynamic programming way to solve the problem of minimizing
    // within-cluster sum of squares. It's similar to linear regression
    // in this way, and this calculation incrementally computes the
    // sum of squares that are later read.
    fillMatrices(sorted, matrix, backtrackMatrix);

    // The real work of Ckmeans clustering happens in the matrix generation:
    // the generated matrices encode all possible clustering combinations, and
    // once they're generated we can solve for the best clustering groups
    // very quickly.
    var clusters = [];
    var clusterRight = backtrackMatrix[0].length - 1;

    // Backtrack the clusters from the dynamic programming matrix. This
    // starts at the bottom-right corner of the matrix (if the top-left is 0, 0),
    // and moves the cluster target with the loop.
    for (var cluster = backtrackMatrix.length - 1; cluster >= 0; cluster--) {
        var clusterLeft = backtrackMatrix[cluster][clusterRight];

        // fill the cluster from the sorted input by taking a slice of the
        // array. the backtrack matrix makes this easy - it stores the
        // indexes where the cluster should start and end.
        clusters[cluster] = sorted.slice(clusterLeft, clusterRight + 1);

        if (cluster > 0) {
            clusterRight = clusterLeft - 1;
        }
    }

    return clusters;
}

/**
 * Our default sum is the [Kahan-Babuska algorithm](https://pdfs.semanticscholar.org/1760/7d467cda1d0277ad272deb2113533131dc09.pdf).
 * This method is an improvement over the classical
 * [Kahan summation algorithm](https://en.wikipedia.org/wiki/Kahan_summation_algorithm).
 * It aims at computing the sum of a list of numbers while correcting for
 * floating-point errors. Traditionally, sums are calculated as many
 * successive additions, each one with its own floating-point roundoff. These
 * losses in precision add up as the number of numbers increases. This alternative
 * algorithm is more accurate than the simple way of calculating sums by simple
 * addition.
 *
 * This runs in `O(n)`, linear time, with respect to the length of the array.
 *
 * @param {Array<number>} x input
 * @return {number} sum of all input numbers
 * @example
 * sum([1, 2, 3]); // => 6
 */
function sum(x) {
    // If the array is empty, we needn't bother computing its sum
    if (x.length === 0) {
        return 0;
    }

    // Initializing the sum as the first number in the array
    var sum = x[0];

    // Keeping track of the floating-point error correction
    var correction = 0;

    var transition;

    if (typeof sum !== "number") {
        return Number.NaN;
    }

    for (var i = 1; i < x.length; i++) {
        if (typeof x[i] !== "number") {
            return Number.NaN;
        }
        transition = sum + x[i];

        // Here we need to update the correction in a different fashion
        // if the new absolute value is greater than the absolute sum
        if (Math.abs(sum) >= Math.abs(x[i])) {
            correction += sum - transition + x[i];
        } else {
            correction += x[i] - transition + sum;
        }

        sum = transition;
    }

    // Returning the corrected sum
    return sum + correction;
}

/**
 * The mean, _also known as average_,
 * is the sum of all values over the number of values.
 * This is a [measure of central tendency](https://en.wikipedia.org/wiki/Central_tendency):
 * a method of finding a typical or central value of a set of numbers.
 *
 * This runs in `O(n)`, linear time, with respect to the length of the array.
 *
 * @param {Array<number>} x sample of one or more data points
 * @throws {Error} if the length of x is less than one
 * @returns {number} mean
 * @example
 * mean([0, 10]); // => 5
 */
function mean(x) {
    if (x.length === 0) {
        throw new Error("mean requires at least one data point");
    }

    return sum(x) / x.length;
}

/**
 * The sum of deviations to the Nth power.
 * When n=2 it's the sum of squared deviations.
 * When n=3 it's the sum of cubed deviations.
 *
 * @param {Array<number>} x
 * @param {number} n power
 * @returns {number} sum of nth power deviations
 *
 * @example
 * var input = [1, 2, 3];
 * // since the variance of a set is the mean squared
 * // deviations, we can calculate that with sumNthPowerDeviations:
 * sumNthPowerDeviations(input, 2) / input.length;
 */
function sumNthPowerDeviations(x, n) {
    var meanValue = mean(x);
    var sum = 0;
    var tempValue;
    var i;

    // This is an optimization: when n is 2 (we're computing a number squared),
    // multiplying the number by itself is significantly faster than using
    // the Math.pow method.
    if (n === 2) {
        for (i = 0; i < x.length; i++) {
            tempValue = x[i] - meanValue;
            sum += tempValue * tempValue;
        }
    } else {
        for (i = 0; i < x.length; i++) {
            sum += Math.pow(x[i] - meanValue, n);
        }
    }

    return sum;
}

/**
 * The [sample variance](https://en.wikipedia.org/wiki/Variance#Sample_variance)
 * is the sum of squared deviations from the mean. The sample variance
 * is distinguished from the variance by the usage of [Bessel's Correction](https://en.wikipedia.org/wiki/Bessel's_correction):
 * instead of dividing the sum of squared deviations by the length of the input,
 * it is divided by the length minus one. This corrects the bias in estimating
 * a value from a set that you don't know if full.
 *
 * References:
 * * [Wolfram MathWorld on Sample Variance](http://mathworld.wolfram.com/SampleVariance.html)
 *
 * @param {Array<number>} x a sample of two or more data points
 * @throws {Error} if the length of x is less than 2
 * @return {number} sample variance
 * @example
 * sampleVariance([1, 2, 3, 4, 5]); // => 2.5
 */
function sampleVariance(x) {
    if (x.length < 2) {
        throw new Error("sampleVariance requires at least two data points");
    }

    var sumSquaredDeviationsValue = sumNthPowerDeviations(x, 2);

    // this is Bessels' Correction: an adjustment made to sample statistics
    // that allows for the reduced degree of freedom entailed in calculating
    // values from samples rather than complete populations.
    var besselsCorrection = x.length - 1;

    // Find the mean value of that list
    return sumSquaredDeviationsValue / besselsCorrection;
}

/**
 * The [sample standard deviation](http://en.wikipedia.org/wiki/Standard_deviation#Sample_standard_deviation)
 * is the square root of the sample variance.
 *
 * @param {Array<number>} x input array
 * @returns {number} sample standard deviation
 * @example
 * sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]).toFixed(2);
 * // => '2.14'
 */
function sampleStandardDeviation(x) {
    var sampleVarianceX = sampleVariance(x);
    return Math.sqrt(sampleVarianceX);
}

/**
 * The`coefficient of variation`_ is the ratio of the standard deviation to the mean.
 * .._`coefficient of variation`: https://en.wikipedia.org/wiki/Coefficient_of_variation
 *
 *
 * @param {Array} x input
 * @returns {number} coefficient of variation
 * @example
 * coefficientOfVariation([1, 2, 3, 4]).toFixed(3); // => 0.516
 * coefficientOfVariation([1, 2, 3, 4, 5]).toFixed(3); // => 0.527
 * coefficientOfVariation([-1, 0, 1, 2, 3, 4]).toFixed(3); // => 1.247
 */
function coefficientOfVariation(x) {
    return sampleStandardDeviation(x) / mean(x);
}

/**
 * Implementation of Combinations
 * Combinations are unique subsets of a collection - in this case, k x from a collection at a time.
 * https://en.wikipedia.org/wiki/Combination
 * @param {Array} x any type of data
 * @param {int} k the number of objects in each group (without replacement)
 * @returns {Array<Array>} array of permutations
 * @example
 * combinations([1, 2, 3], 2); // => [[1,2], [1,3], [2,3]]
 */

function combinations(x, k) {
    if (k === 0) {
        return [[]];
    }

    var i;
    var subI;
    var combinationList = [];
    var subsetCombinations;
    var next;

    for (i = 0; i < x.length; i++) {
        if (k === 1) {
            combinationList.push([x[i]]);
        } else {
            subsetCombinations = combinations(x.slice(i + 1, x.length), k - 1);
            for (subI = 0; subI < subsetCombinations.length; subI++) {
                next = subsetCombinations[subI];
                next.unshift(x[i]);
                combinationList.push(next);
            }
        }
    }
    return combinationList;
}

/**
 * Implementation of [Combinations](https://en.wikipedia.org/wiki/Combination) with replacement
 * Combinations are unique subsets of a collection - in this case, k x from a collection at a time.
 * 'With replacement' means that a given element can be chosen multiple times.
 * Unlike permutation, order doesn't matter for combinations.
 *
 * @param {Array} x any type of data
 * @param {int} k the number of objects in each group (without replacement)
 * @returns {Array<Array>} array of permutations
 * @example
 * combinationsReplacement([1, 2], 2); // => [[1, 1], [1, 2], [2, 2]]
 */
function combinationsReplacement(x, k) {
    if (k === 0) {
        return [[]];
    }

    var combinationList = [];

    for (var i = 0; i < x.length; i++) {
        if (k === 1) {
            // If we're requested to find only one element, we don't need
            // to recurse: just push `x[i]` onto the list of combinations.
            combinationList.push([x[i]]);
        } else {
            // Otherwise, recursively find combinations, given `k - 1`. Note that
            // we request `k - 1`, so if you were looking for k=3 combinations, we're
            // requesting k=2. This -1 gets reversed in the for loop right after this
            // code, since we concatenate `x[i]` onto the selected combinations,
            // bringing `k` back up to your requested level.
            // This recursion may go many levels deep, since it only stops once
            // k=1.
            var subsetCombinations = combinationsReplacement(
                x.slice(i, x.length),
                k - 1
            );

            for (var j = 0; j < subsetCombinations.length; j++) {
                combinationList.push([x[i]].concat(subsetCombinations[j]));
            }
        }
    }

    return combinationList;
}

/**
 * When combining two lists of values for which one already knows the means,
 * one does not have to necessary recompute the mean of the combined lists in
 * linear time. They can instead use this function to compute the combined
 * mean by providing the mean & number of values of the first list and the mean
 * & number of values of the second list.
 *
 * @since 3.0.0
 * @param {number} mean1 mean of the first list
 * @param {number} n1 number of items in the first list
 * @param {number} mean2 mean of the second list
 * @param {number} n2 number of items in the second list
 * @returns {number} the combined mean
 *
 * @example
 * combineMeans(5, 3, 4, 3); // => 4.5
 */
function combineMeans(mean1, n1, mean2, n2) {
    return (mean1 * n1 + mean2 * n2) / (n1 + n2);
}

/**
 * When combining two lists of values for which one already knows the variances,
 * one does not have to necessary recompute the variance of the combined lists
 * in linear time. They can instead use this function to compute the combined
 * variance by providing the variance, mean & number of values of the first list
 * and the variance, mean & number of values of the second list.
 *
 * @since 3.0.0
 * @param {number} variance1 variance of the first list
 * @param {number} mean1 mean of the first list
 * @param {number} n1 number of items in the first list
 * @param {number} variance2 variance of the second list
 * @param {number} mean2 mean of the second list
 * @param {number} n2 number of items in the second list
 * @returns {number} the combined mean
 *
 * @example
 * combineVariances(14 / 3, 5, 3, 8 / 3, 4, 3); // => 47 / 12
 */
function combineVariances(variance1, mean1, n1, variance2, mean2, n2) {
    var newMean = combineMeans(mean1, n1, mean2, n2);

    return (
        (n1 * (variance1 + Math.pow(mean1 - newMean, 2)) +
            n2 * (variance2 + Math.pow(mean2 - newMean, 2))) /
        (n1 + n2)
    );
}

/**
 * This computes the maximum number in an array.
 *
 * This runs in `O(n)`, linear time, with respect to the length of the array.
 *
 * @param {Array<number>} x sample of one or more data points
 * @returns {number} maximum value
 * @throws {Error} if the length of x is less than one
 * @example
 * max([1, 2, 3, 4]);
 * // => 4
 */
function max(x) {
    if (x.length === 0) {
        throw new Error("max requires at least one data point");
    }

    var value = x[0];
    for (var i = 1; i < x.length; i++) {
        if (x[i] > value) {
            value = x[i];
        }
    }
    return value;
}

/**
 * The min is the lowest number in the array.
 * This runs in `O(n)`, linear time, with respect to the length of the array.
 *
 * @param {Array<number>} x sample of one or more data points
 * @throws {Error} if the length of x is less than one
 * @returns {number} minimum value
 * @example
 * min([1, 5, -10, 100, 2]); // => -10
 */
function min(x) {
    if (x.length === 0) {
        throw new Error("min requires at least one data point");
    }

    var value = x[0];
    for (var i = 1; i < x.length; i++) {
        if (x[i] < value) {
            value = x[i];
        }
    }
    return value;
}

/**
 * Given an array of x, this will find the extent of the
 * x and return an array of breaks that can be used
 * to categorize the x into a number of classes. The
 * returned array will always be 1 longer than the number of
 * classes because it includes the minimum value.
 *
 * @param {Array<number>} x an array of number values
 * @param {number} nClasses number of desired classes
 * @returns {Array<number>} array of class break positions
 * @example
 * equalIntervalBreaks([1, 2, 3, 4, 5, 6], 4); // => [1, 2.25, 3.5, 4.75, 6]
 */
function equalIntervalBreaks(x, nClasses) {
    if (x.length < 2) {
        return x;
    }

    var theMin = min(x);
    var theMax = max(x);

    // the first break will always be the minimum value
    // in the xset
    var breaks = [theMin];

    // The size of each break is the full range of the x
    // divided by the number of classes requested
    var breakSize = (theMax - theMin) / nClasses;

    // In the case of nClasses = 1, this loop won't run
    // and the returned breaks will be [min, max]
    for (var i = 1; i < nClasses; i++) {
        breaks.push(breaks[0] + breakSize * i);
    }

    // the last break will always be the
    // maximum.
    breaks.push(theMax);

    return breaks;
}

/**
 * This computes the minimum & maximum number in an array.
 *
 * This runs in `O(n)`, linear time, with respect to the length of the array.
 *
 * @param {Array<number>} x sample of one or more data points
 * @returns {Array<number>} minimum & maximum value
 * @throws {Error} if the length of x is less than one
 * @example
 * extent([1, 2, 3, 4]);
 * // => [1, 4]
 */
function extent(x) {
    if (x.length === 0) {
        throw new Error("extent requires at least one data point");
    }

    var min = x[0];
    var max = x[0];
    for (var i = 1; i < x.length; i++) {
        if (x[i] > max) {
            max = x[i];
        }
        if (x[i] < min) {
            min = x[i];
        }
    }
    return [min, max];
}

/**
 * The extent is the lowest & highest number in the array. With a sorted array,
 * the first element in the array is always the lowest while the last element is always the largest, so this calculation
 * can be done in one step, or constant time.
 *
 * @param {Array<number>} x input
 * @returns {Array<number>} minimum & maximum value
 * @example
 * extentSorted([-100, -10, 1, 2, 5]); // => [-100, 5]
 */
function extentSorted(x) {
    return [x[0], x[x.length - 1]];
}

/**
 * The [Geometric Mean](https://en.wikipedia.org/wiki/Geometric_mean) is
 * a mean function that is more useful for numbers in different
 * ranges.
 *
 * This is the nth root of the input numbers multiplied by each other.
 *
 * The geometric mean is often useful for
 * **[proportional growth](https://en.wikipedia.org/wiki/Geometric_mean#Proportional_growth)**: given
 * growth rates for multiple years, like _80%, 16.66% and 42.85%_, a simple
 * mean will incorrectly estimate an average growth rate, whereas a geometric
 * mean will correctly estimate a growth rate that, over those years,
 * will yield the same end value.
 *
 * This runs in `O(n)`, linear time, with respect to the length of the array.
 *
 * @param {Array<number>} x sample of one or more data points
 * @returns {number} geometric mean
 * @throws {Error} if x is empty
 * @throws {Error} if x contains a negative number
 * @example
 * var growthRates = [1.80, 1.166666, 1.428571];
 * var averageGrowth = ss.geometricMean(growthRates);
 * var averageGrowthRates = [averageGrowth, averageGrowth, averageGrowth];
 * var startingValue = 10;
 * var startingValueMean = 10;
 * growthRates.forEach(function(rate) {
 *   startingValue *= rate;
 * });
 * averageGrowthRates.forEach(function(rate) {
 *   startingValueMean *= rate;
 * });
 * startingValueMean === startingValue;
 */
function geometricMean(x) {
    if (x.length === 0) {
        throw new Error("geometricMean requires at least one data point");
    }

    // the starting value.
    var value = 1;

    for (var i = 0; i < x.length; i++) {
        // the geometric mean is only valid for positive numbers
        if (x[i] < 0) {
            throw new Error(
                "geometricMean requires only non-negative numbers as input"
            );
        }

        // repeatedly multiply the value by each number
        value *= x[i];
    }

    return Math.pow(value, 1 / x.length);
}

/**
 * The [Harmonic Mean](https://en.wikipedia.org/wiki/Harmonic_mean) is
 * a mean function typically used to find the average of rates.
 * This mean is calculated by taking the reciprocal of the arithmetic mean
 * of the reciprocals of the input numbers.
 *
 * This is a [measure of central tendency](https://en.wikipedia.org/wiki/Central_tendency):
 * a method of finding a typical or central value of a set of numbers.
 *
 * This runs in `O(n)`, linear time, with respect to the length of the array.
 *
 * @param {Array<number>} x sample of one or more data points
 * @returns {number} harmonic mean
 * @throws {Error} if x is empty
 * @throws {Error} if x contains a negative number
 * @example
 * harmonicMean([2, 3]).toFixed(2) // => '2.40'
 */
function harmonicMean(x) {
    if (x.length === 0) {
        throw new Error("harmonicMean requires at least one data point");
    }

    var reciprocalSum = 0;

    for (var i = 0; i < x.length; i++) {
        // the harmonic mean is only valid for positive numbers
        if (x[i] <= 0) {
            throw new Error(
                "harmonicMean requires only positive numbers as input"
            );
        }

        reciprocalSum += 1 / x[i];
    }

    // divide n by the reciprocal sum
    return x.length / reciprocalSum;
}

/**
 * This is the internal implementation of quantiles: when you know
 * that the order is sorted, you don't need to re-sort it, and the computations
 * are faster.
 *
 * This implements the linear interpolation method (type=7 in R/numpy),
 * which is the default in numpy.percentile and R's quantile.
 *
 * @param {Array<number>} x sample of one or more data points
 * @param {number} p desired quantile: a number between 0 to 1, inclusive
 * @returns {number} quantile value
 * @throws {Error} if p ix outside of the range from 0 to 1
 * @throws {Error} if x is empty
 * @example
 * quantileSorted([3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20], 0.5); // => 9
 */
function quantileSorted(x, p) {
    // Use (n-1) * p for index, matching numpy's linear method (type=7)
    var idx = (x.length - 1) * p;
    if (x.length === 0) {
        throw new Error("quantile requires at least one data point.");
    } else if (p < 0 || p > 1) {
        throw new Error("quantiles must be between 0 and 1");
    } else if (p === 1) {
        // If p is 1, directly return the last element
        return x[x.length - 1];
    } else if (p === 0) {
        // If p is 0, directly return the first element
        return x[0];
    } else if (idx % 1 !== 0) {
        // If idx is not integer, interpolate linearly between floor and ceil
        var lower = Math.floor(idx);
        var upper = Math.ceil(idx);
        var fraction = idx - lower;
        return x[lower] + fraction * (x[upper] - x[lower]);
    } else {
        // If idx is integer, type=7 returns the value at that index
        return x[idx];
    }
}

/**
 * Rearrange items in `arr` so that all items in `[left, k]` range are the smallest.
 * The `k`-th element will have the `(k - left + 1)`-th smallest value in `[left, right]`.
 *
 * Implements Floyd-Rivest selection algorithm https://en.wikipedia.org/wiki/Floyd-Rivest_algorithm
 *
 * @param {Array<number>} arr input array
 * @param {number} k pivot index
 * @param {number} [left] left index
 * @param {number} [right] right index
 * @returns {void} mutates input array
 * @example
 * var arr = [65, 28, 59, 33, 21, 56, 22, 95, 50, 12, 90, 53, 28, 77, 39];
 * quickselect(arr, 8);
 * // = [39, 28, 28, 33, 21, 12, 22, 50, 53, 56, 59, 65, 90, 77, 95]
 */
function quickselect(arr, k, left, right) {
    left = left || 0;
    right = right || arr.length - 1;

    while (right > left) {
        // 600 and 0.5 are arbitrary constants chosen in the original paper to minimize execution time
        if (right - left > 600) {
            var n = right - left + 1;
            var m = k - left + 1;
            var z = Math.log(n);
            var s = 0.5 * Math.exp((2 * z) / 3);
            var sd = 0.5 * Math.sqrt((z * s * (n - s)) / n);
            if (m - n / 2 < 0) { sd *= -1; }
            var newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
            var newRight = Math.min(
                right,
                Math.floor(k + ((n - m) * s) / n + sd)
            );
            quickselect(arr, k, newLeft, newRight);
        }

        var t = arr[k];
        var i = left;
        var j = right;

        swap(arr, left, k);
        if (arr[right] > t) { swap(arr, left, right); }

        while (i < j) {
            swap(arr, i, j);
            i++;
            j--;
            while (arr[i] < t) { i++; }
            while (arr[j] > t) { j--; }
        }

        if (arr[left] === t) { swap(arr, left, j); }
        else {
            j++;
            swap(arr, j, right);
        }

        if (j <= k) { left = j + 1; }
        if (k <= j) { right = j - 1; }
    }
}

function swap(arr, i, j) {
    var tmp = arr[i];
    arr[i] = arr[j];
    arr[j] = tmp;
}

/**
 * The [quantile](https://en.wikipedia.org/wiki/Quantile):
 * this is a population quantile, since we assume to know the entire
 * dataset in this library. This implementation uses linear interpolation,
 * equivalent to R's type=7 and numpy's default percentile method.
 *
 * Sample is a one-dimensional array of numbers,
 * and p is either a decimal number from 0 to 1 or an array of decimal
 * numbers from 0 to 1.
 * In terms of a k/q quantile, p = k/q - it's just dealing with fractions or dealing
 * with decimal values.
 * When p is an array, the result of the function is also an array containing the appropriate
 * quantiles in input order
 *
 * @param {Array<number>} x sample of one or more numbers
 * @param {Array<number> | number} p the desired quantile, as a number between 0 and 1
 * @returns {number} quantile
 * @example
 * quantile([3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20], 0.5); // => 9
 */
function quantile(x, p) {
    var copy = x.slice();

    if (Array.isArray(p)) {
        // rearrange elements so that each element corresponding to a requested
        // quantile is on a place it would be if the array was fully sorted
        multiQuantileSelect(copy, p);
        // Initialize the result array
        var results = [];
        // For each requested quantile
        for (var i = 0; i < p.length; i++) {
            results[i] = quantileSorted(copy, p[i]);
        }
        return results;
    } else {
        var idx = quantileIndex(copy.length, p);
        quantileSelect(copy, idx, 0, copy.length - 1);
        return quantileSorted(copy, p);
    }
}

function quantileSelect(arr, k, left, right) {
    if (k % 1 === 0) {
        quickselect(arr, k, left, right);
    } else {
        k = Math.floor(k);
        quickselect(arr, k, left, right);
        quickselect(arr, k + 1, k + 1, right);
    }
}

function multiQuantileSelect(arr, p) {
    // Collect every integer order statistic that the requested quantiles need.
    // Linear interpolation (type=7) reads x[floor(idx)] and x[ceil(idx)], so both
    // surrounding positions must be placed. Deduplicate to integer positions
    // so each is selected with an unambiguous index.
    var positions = new Set();
    for (var i = 0; i < p.length; i++) {
        var idx = quantileIndex(arr.length, p[i]);
        positions.add(Math.floor(idx));
        positions.add(Math.ceil(idx));
    }
    var indices = Array.from(positions).sort(compare);

    multiselect(arr, indices, 0, indices.length - 1, 0, arr.length - 1);
}

// Place every order statistic in `indices` by partitioning around the median
// requested position, then recursing into the two halves. The just-placed pivot
// is excluded from the child ranges (indices[mid] ± 1) so that a later, narrower
// quickselect cannot disturb an already-finalized position.
function multiselect(arr, indices, lo, hi, left, right) {
    if (lo > hi) { return; }
    var mid = (lo + hi) >> 1;
    quickselect(arr, indices[mid], left, right);
    multiselect(arr, indices, lo, mid - 1, left, indices[mid] - 1);
    multiselect(arr, indices, mid + 1, hi, indices[mid] + 1, right);
}

function compare(a, b) {
    return a - b;
}

function quantileIndex(len, p) {
    // Use (n-1) * p to match numpy's linear method (type=7)
    var idx = (len - 1) * p;
    if (p === 1) {
        // If p is 1, directly return the last index
        return len - 1;
    } else if (p === 0) {
        // If p is 0, directly return the first index
        return 0;
    } else if (idx % 1 !== 0) {
        // If index is not integer, keep the fractional position so we can
        // select both surrounding order statistics for interpolation.
        return idx;
    } else {
        // If index is integer, return that exact position.
        return idx;
    }
}

/**
 * The [Interquartile range](http://en.wikipedia.org/wiki/Interquartile_range) is
 * a measure of statistical dispersion, or how scattered, spread, or
 * concentrated a distribution is. It's computed as the difference between
 * the third quartile and first quartile.
 *
 * @param {Array<number>} x sample of one or more numbers
 * @returns {number} interquartile range: the span between lower and upper quartile,
 * 0.25 and 0.75
 * @example
 * interquartileRange([0, 1, 2, 3]); // => 1.5
 */
function interquartileRange(x) {
    // Interquartile range is the span between the upper quartile,
    // at `0.75`, and lower quartile, `0.25`
    var q1 = quantile(x, 0.75);
    var q2 = quantile(x, 0.25);

    if (typeof q1 === "number" && typeof q2 === "number") {
        return q1 - q2;
    }
}

/*
 * Pull Breaks Values for Jenks
 *
 * the second part of the jenks recipe: take the calculated matrices
 * and derive an array of n breaks.
 *
 * @private
 */
function jenksBreaks(data, lowerClassLimits, nClasses) {
    var k = data.length;
    var kclass = [];
    var countNum = nClasses;

    // the calculation of classes will never include the upper
    // bound, so we need to explicitly set it
    kclass[nClasses] = data[data.length - 1];

    // the lowerClassLimits matrix is used as indices into itself
    // here: the `k` variable is reused in each iteration.
    while (countNum > 0) {
        kclass[countNum - 1] = data[lowerClassLimits[k][countNum] - 1];
        k = lowerClassLimits[k][countNum] - 1;
        countNum--;
    }

    return kclass;
}

/*
 * Compute Matrices for Jenks
 *
 * Compute the matrices required for Jenks breaks. These matrices
 * can be used for any classing of data with `classes <= nClasses`
 *
 * @private
 */
function jenksMatrices(data, nClasses) {
    // in the original implementation, these matrices are referred to
    // as `LC` and `OP`
    //
    // * lowerClassLimits (LC): optimal lower class limits
    // * varianceCombinations (OP): optimal variance combinations for all classes
    var lowerClassLimits = [];
    var varianceCombinations = [];
    // loop counters
    var i;
    var j;
    // the variance, as computed at each step in the calculation
    var variance = 0;

    // Initialize and fill each matrix with zeroes
    for (i = 0; i < data.length + 1; i++) {
        var tmp1 = [];
        var tmp2 = [];
        // despite these arrays having the same values, we need
        // to keep them separate so that changing one does not change
        // the other
        for (j = 0; j < nClasses + 1; j++) {
            tmp1.push(0);
            tmp2.push(0);
        }
        lowerClassLimits.push(tmp1);
        varianceCombinations.push(tmp2);
    }

    for (i = 1; i < nClasses + 1; i++) {
        lowerClassLimits[1][i] = 1;
        varianceCombinations[1][i] = 0;
        // in the original implementation, 9999999 is used but
        // since Javascript has `Infinity`, we use that.
        for (j = 2; j < data.length + 1; j++) {
            varianceCombinations[j][i] = Number.POSITIVE_INFINITY;
        }
    }

    // Shift values by the median to improve numeric stability
    var shift = data[Math.floor(data.length / 2)];

    for (var l = 2; l < data.length + 1; l++) {
        // `SZ` originally. this is the sum of the values seen thus
        // far when calculating variance.
        var sum = 0;
        // `ZSQ` originally. the sum of squares of values seen
        // thus far
        var sumSquares = 0;
        // `WT` originally. This is the number of
        var w = 0;
        // `IV` originally
        var i4 = 0;

        // in several instances, you could say `Math.pow(x, 2)`
        // instead of `x * x`, but this is slower in some browsers
        // introduces an unnecessary concept.
        for (var m = 1; m < l + 1; m++) {
            // `III` originally
            var lowerClassLimit = l - m + 1;
            var val = data[lowerClassLimit - 1] - shift;

            // here we're estimating variance for each potential classing
            // of the data, for each potential number of classes. `w`
            // is the number of data points considered so far.
            w++;

            // increase the current sum and sum-of-squares
            sum += val;
            sumSquares += val * val;

            // the variance at this point in the sequence is the difference
            // between the sum of squares and the total x 2, over the number
            // of samples.
            variance = sumSquares - (sum * sum) / w;

            i4 = lowerClassLimit - 1;

            if (i4 !== 0) {
                for (j = 2; j < nClasses + 1; j++) {
                    // if adding this element to an existing class
                    // will increase its variance beyond the limit, break
                    // the class at this point, setting the `lowerClassLimit`
                    // at this point.
                    if (
                        varianceCombinations[l][j] >=
                        variance + varianceCombinations[i4][j - 1]
                    ) {
                        lowerClassLimits[l][j] = lowerClassLimit;
                        varianceCombinations[l][j] =
                            variance + varianceCombinations[i4][j - 1];
                    }
                }
            }
        }

        lowerClassLimits[l][1] = 1;
        varianceCombinations[l][1] = variance;
    }

    // return the two matrices. for just providing breaks, only
    // `lowerClassLimits` is needed, but variances can be useful to
    // evaluate goodness of fit.
    return {
        lowerClassLimits: lowerClassLimits,
        varianceCombinations: varianceCombinations
    };
}

/**
 * The **[jenks natural breaks optimization](http://en.wikipedia.org/wiki/Jenks_natural_breaks_optimization)**
 * is an algorithm commonly used in cartography and visualization to decide
 * upon groupings of data values that minimize variance within themselves
 * and maximize variation between themselves.
 *
 * For instance, cartographers often use jenks in order to choose which
 * values are assigned to which colors in a [choropleth](https://en.wikipedia.org/wiki/Choropleth_map)
 * map.
 *
 * @param {Array<number>} data input data, as an array of number values
 * @param {number} nClasses number of desired classes
 * @returns {Array<number> | null} array of class break positions, or null
 * when nClasses is greater than the number of data points
 * @example
 * // split data into 3 break points
 * jenks([1, 2, 4, 5, 7, 9, 10, 20], 3) // = [1, 7, 20, 20]
 */
function jenks(data, nClasses) {
    if (nClasses > data.length) {
        return null;
    }

    // sort data in numerical order, since this is expected
    // by the matrices function
    data = data.slice().sort(function (a, b) {
        return a - b;
    });

    // get our basic matrices
    var matrices = jenksMatrices(data, nClasses);
    // we only need lower class limits here
    var lowerClassLimits = matrices.lowerClassLimits;

    // extract nClasses out of the computed matrices
    return jenksBreaks(data, lowerClassLimits, nClasses);
}

/**
 * [Simple linear regression](http://en.wikipedia.org/wiki/Simple_linear_regression)
 * is a simple way to find a fitted line
 * between a set of coordinates. This algorithm finds the slope and y-intercept of a regression line
 * using the least sum of squares.
 *
 * @param {Array<Array<number>>} data an array of two-element of arrays,
 * like `[[0, 1], [2, 3]]`
 * @returns {Object} object containing slope and intersect of regression line
 * @example
 * linearRegression([[0, 0], [1, 1]]); // => { m: 1, b: 0 }
 */
function linearRegression(data) {
    var m;
    var b;

    // Store data length in a local variable to reduce
    // repeated object property lookups
    var dataLength = data.length;

    //if there's only one point, arbitrarily choose a slope of 0
    //and a y-intercept of whatever the y of the initial point is
    if (dataLength === 1) {
        m = 0;
        b = data[0][1];
    } else {
        // The means of x and y. Centering on them before accumulating the
        // cross products keeps the sums small when the coordinates are not,
        // which is what `weightedLinearRegression` already does.
        var sumX = 0;
        var sumY = 0;
        for (var i = 0; i < dataLength; i++) {
            sumX += data[i][0];
            sumY += data[i][1];
        }
        var meanX = sumX / dataLength;
        var meanY = sumY / dataLength;

        var sumXY = 0;
        var sumXX = 0;
        for (var i$1 = 0; i$1 < dataLength; i$1++) {
            var deviationX = data[i$1][0] - meanX;
            sumXY += deviationX * (data[i$1][1] - meanY);
            sumXX += deviationX * deviationX;
        }

        // `m` is the slope of the regression line, `b` its y-intercept.
        m = sumXY / sumXX;
        b = meanY - m * meanX;
    }

    // Return both values as an object.
    return {
        m: m,
        b: b
    };
}

/**
 * Given the output of `linearRegression`: an object
 * with `m` and `b` values indicating slope and intercept,
 * respectively, generate a line function that translates
 * x values into y values.
 *
 * @param {Object} mb object with `m` and `b` members, representing
 * slope and intersect of desired line
 * @returns {Function} method that computes y-value at any given
 * x-value on the line.
 * @example
 * var l = linearRegressionLine(linearRegression([[0, 0], [1, 1]]));
 * l(0) // = 0
 * l(2) // = 2
 * linearRegressionLine({ b: 0, m: 1 })(1); // => 1
 * linearRegressionLine({ b: 1, m: 1 })(1); // => 2
 */
function linearRegressionLine(mb /*: { b: number, m: number }*/) {
    // Return a function that computes a `y` value for each
    // x value it is given, based on the values of `b` and `a`
    // that we just computed.
    return function (x) {
        return mb.b + mb.m * x;
    };
}

/**
 * The [log average](https://en.wikipedia.org/wiki/https://en.wikipedia.org/wiki/Geometric_mean#Relationship_with_logarithms)
 * is an equivalent way of computing the geometric mean of an array suitable for large or small products.
 *
 * It's found by calculating the average logarithm of the elements and exponentiating.
 *
 * @param {Array<number>} x sample of one or more data points
 * @returns {number} geometric mean
 * @throws {Error} if x is empty
 * @throws {Error} if x contains a negative number
 */
function logAverage(x) {
    if (x.length === 0) {
        throw new Error("logAverage requires at least one data point");
    }

    var value = 0;
    for (var i = 0; i < x.length; i++) {
        if (x[i] < 0) {
            throw new Error(
                "logAverage requires only non-negative numbers as input"
            );
        }
        value += Math.log(x[i]);
    }

    return Math.exp(value / x.length);
}

/**
 * The maximum is the highest number in the array. With a sorted array,
 * the last element in the array is always the largest, so this calculation
 * can be done in one step, or constant time.
 *
 * @param {Array<number>} x input
 * @returns {number} maximum value
 * @example
 * maxSorted([-100, -10, 1, 2, 5]); // => 5
 */
function maxSorted(x) {
    return x[x.length - 1];
}

/**
 * The simple [sum](https://en.wikipedia.org/wiki/Summation) of an array
 * is the result of adding all numbers together, starting from zero.
 *
 * This runs in `O(n)`, linear time, with respect to the length of the array.
 *
 * @param {Array<number>} x input
 * @return {number} sum of all input numbers
 * @example
 * sumSimple([1, 2, 3]); // => 6
 */
function sumSimple(x) {
    var value = 0;
    for (var i = 0; i < x.length; i++) {
        if (typeof x[i] !== "number") {
            return Number.NaN;
        }
        value += x[i];
    }
    return value;
}

/**
 * The mean, _also known as average_,
 * is the sum of all values over the number of values.
 * This is a [measure of central tendency](https://en.wikipedia.org/wiki/Central_tendency):
 * a method of finding a typical or central value of a set of numbers.
 *
 * The simple mean uses the successive addition method internally
 * to calculate it's result. Errors in floating-point addition are
 * not accounted for, so if precision is required, the standard {@link mean}
 * method should be used instead.
 *
 * This runs in `O(n)`, linear time, with respect to the length of the array.
 *
 *
 * @param {Array<number>} x sample of one or more data points
 * @throws {Error} if the length of x is less than one
 * @returns {number} mean
 * @example
 * mean([0, 10]); // => 5
 */
function meanSimple(x) {
    if (x.length === 0) {
        throw new Error("meanSimple requires at least one data point");
    }

    return sumSimple(x) / x.length;
}

/**
 * The [median](http://en.wikipedia.org/wiki/Median) is
 * the middle number of a list. This is often a good indicator of 'the middle'
 * when there are outliers that skew the `mean()` value.
 * This is a [measure of central tendency](https://en.wikipedia.org/wiki/Central_tendency):
 * a method of finding a typical or central value of a set of numbers.
 *
 * The median isn't necessarily one of the elements in the list: the value
 * can be the average of two elements if the list has an even length
 * and the two central values are different.
 *
 * @param {Array<number>} x input
 * @returns {number} median value
 * @example
 * median([10, 2, 5, 100, 2, 1]); // => 3.5
 */
function median(x) {
    return +quantile(x, 0.5);
}

/**
 * The [Median Absolute Deviation](http://en.wikipedia.org/wiki/Median_absolute_deviation) is
 * a robust measure of statistical
 * dispersion. It is more resilient to outliers than the standard deviation.
 *
 * @param {Array<number>} x input array
 * @returns {number} median absolute deviation
 * @example
 * medianAbsoluteDeviation([1, 1, 2, 2, 4, 6, 9]); // => 1
 */
function medianAbsoluteDeviation(x) {
    var medianValue = median(x);
    var medianAbsoluteDeviations = [];

    // Make a list of absolute deviations from the median
    for (var i = 0; i < x.length; i++) {
        medianAbsoluteDeviations.push(Math.abs(x[i] - medianValue));
    }

    // Find the median value of that list
    return median(medianAbsoluteDeviations);
}

/**
 * The [median](http://en.wikipedia.org/wiki/Median) is
 * the middle number of a list. This is often a good indicator of 'the middle'
 * when there are outliers that skew the `mean()` value.
 * This is a [measure of central tendency](https://en.wikipedia.org/wiki/Central_tendency):
 * a method of finding a typical or central value of a set of numbers.
 *
 * The median isn't necessarily one of the elements in the list: the value
 * can be the average of two elements if the list has an even length
 * and the two central values are different.
 *
 * @param {Array<number>} sorted input
 * @returns {number} median value
 * @example
 * medianSorted([10, 2, 5, 100, 2, 1]); // => 52.5
 */
function medianSorted(sorted) {
    return quantileSorted(sorted, 0.5);
}

/**
 * The minimum is the lowest number in the array. With a sorted array,
 * the first element in the array is always the smallest, so this calculation
 * can be done in one step, or constant time.
 *
 * @param {Array<number>} x input
 * @returns {number} minimum value
 * @example
 * minSorted([-100, -10, 1, 2, 5]); // => -100
 */
function minSorted(x) {
    return x[0];
}

/**
 * The [mode](https://en.wikipedia.org/wiki/Mode_%28statistics%29) is the number
 * that appears in a list the highest number of times.
 * There can be multiple modes in a list. This algorithm expects sorted input,
 * so equal values are adjacent and a tie resolves to the smallest of the tied
 * values. `modeFast` breaks ties differently, returning whichever tied value
 * reaches the highest count first.
 *
 * This is a [measure of central tendency](https://en.wikipedia.org/wiki/Central_tendency):
 * a method of finding a typical or central value of a set of numbers.
 *
 * This runs in `O(n)` because the input is sorted.
 *
 * @param {Array<number>} sorted a sample of one or more data points
 * @returns {number} mode
 * @throws {Error} if sorted is empty
 * @example
 * modeSorted([0, 0, 1]); // => 0
 */
function modeSorted(sorted) {
    // Handle edge cases:
    // The mode of an empty list is undefined
    if (sorted.length === 0) {
        throw new Error("mode requires at least one data point");
    }
    if (sorted.length === 1) {
        return sorted[0];
    }

    // This assumes it is dealing with an array of size > 1, since size
    // 0 and 1 are handled immediately. Hence it starts at index 1 in the
    // array.
    var last = sorted[0];
    // store the mode as we find new modes
    var value = Number.NaN;
    // store how many times we've seen the mode
    var maxSeen = 0;
    // how many times the current candidate for the mode
    // has been seen
    var seenThis = 1;

    // end at sorted.length + 1 to fix the case in which the mode is
    // the highest number that occurs in the sequence. the last iteration
    // compares sorted[i], which is undefined, to the highest number
    // in the series
    for (var i = 1; i < sorted.length + 1; i++) {
        // we're seeing a new number pass by
        if (sorted[i] !== last) {
            // the last number is the new mode since we saw it more
            // often than the old one
            if (seenThis > maxSeen) {
                maxSeen = seenThis;
                value = last;
            }
            seenThis = 1;
            last = sorted[i];
            // if this isn't a new number, it's one more occurrence of
            // the potential mode
        } else {
            seenThis++;
        }
    }
    return value;
}

/**
 * The [mode](https://en.wikipedia.org/wiki/Mode_%28statistics%29) is the number
 * that appears in a list the highest number of times.
 * There can be multiple modes in a list. This algorithm sorts its input, so a
 * tie resolves to the smallest of the tied values regardless of the order they
 * appeared in. `modeFast` breaks ties differently, returning whichever tied
 * value reaches the highest count first.
 *
 * This is a [measure of central tendency](https://en.wikipedia.org/wiki/Central_tendency):
 * a method of finding a typical or central value of a set of numbers.
 *
 * This runs in `O(n log(n))` because it needs to sort the array internally
 * before running an `O(n)` search to find the mode.
 *
 * @param {Array<number>} x input
 * @returns {number} mode
 * @example
 * mode([0, 0, 1]); // => 0
 */
function mode(x) {
    // Sorting the array lets us iterate through it below and be sure
    // that every time we see a new number it's new and we'll never
    // see the same number twice
    return modeSorted(numericSort(x));
}

/* globals Map: false */

/**
 * The [mode](https://en.wikipedia.org/wiki/Mode_%28statistics%29) is the number
 * that appears in a list the highest number of times.
 * There can be multiple modes in a list. This algorithm walks the input in
 * order, so a tie resolves to whichever tied value reaches the highest count
 * first. `mode` and `modeSorted` break ties differently, returning the
 * smallest of the tied values.
 *
 * modeFast uses a Map object to keep track of the mode, instead of the approach
 * used with `mode`, a sorted array. As a result, it is faster
 * than `mode` and supports any data type that can be compared with `==`.
 * It also requires a
 * [JavaScript environment with support for Map](https://kangax.github.io/compat-table/es6/#test-Map),
 * and will throw an error if Map is not available.
 *
 * This is a [measure of central tendency](https://en.wikipedia.org/wiki/Central_tendency):
 * a method of finding a typical or central value of a set of numbers.
 *
 * @param {Array<*>} x a sample of one or more data points
 * @returns {?*} mode
 * @throws {ReferenceError} if the JavaScript environment doesn't support Map
 * @throws {Error} if x is empty
 * @example
 * modeFast(['rabbits', 'rabbits', 'squirrels']); // => 'rabbits'
 */
function modeFast(x) {
    // This index will reflect the incidence of different values, indexing
    // them like
    // { value: count }
    var index = new Map();

    // A running `mode` and the number of times it has been encountered.
    var mode;
    var modeCount = 0;

    for (var i = 0; i < x.length; i++) {
        var newCount = index.get(x[i]);
        if (newCount === undefined) {
            newCount = 1;
        } else {
            newCount++;
        }
        if (newCount > modeCount) {
            mode = x[i];
            modeCount = newCount;
        }
        index.set(x[i], newCount);
    }

    if (modeCount === 0) {
        throw new Error("mode requires at last one data point");
    }

    return mode;
}

/**
 * Implementation of [Heap's Algorithm](https://en.wikipedia.org/wiki/Heap%27s_algorithm)
 * for generating permutations.
 *
 * @param {Array} elements any type of data
 * @returns {Array<Array>} array of permutations
 */
function permutationsHeap(elements) {
    var indexes = new Array(elements.length);
    var permutations = [elements.slice()];

    for (var i = 0; i < elements.length; i++) {
        indexes[i] = 0;
    }

    for (var i$1 = 0; i$1 < elements.length; ) {
        if (indexes[i$1] < i$1) {
            // At odd indexes, swap from indexes[i] instead
            // of from the beginning of the array
            var swapFrom = 0;
            if (i$1 % 2 !== 0) {
                swapFrom = indexes[i$1];
            }

            // swap between swapFrom and i, using
            // a temporary variable as storage.
            var temp = elements[swapFrom];
            elements[swapFrom] = elements[i$1];
            elements[i$1] = temp;

            permutations.push(elements.slice());
            indexes[i$1]++;
            i$1 = 0;
        } else {
            indexes[i$1] = 0;
            i$1++;
        }
    }

    return permutations;
}

/**
 * The [product](https://en.wikipedia.org/wiki/Product_(mathematics)) of an array
 * is the result of multiplying all numbers together, starting using one as the multiplicative identity.
 *
 * This runs in `O(n)`, linear time, with respect to the length of the array.
 *
 * @param {Array<number>} x input
 * @return {number} product of all input numbers
 * @example
 * product([1, 2, 3, 4]); // => 24
 */
function product(x) {
    var value = 1;
    for (var i = 0; i < x.length; i++) {
        value *= x[i];
    }
    return value;
}

/* eslint no-bitwise: 0 */

/**
 * This function returns the quantile in which one would find the given value in
 * the given array. With a sorted array, leveraging binary search, we can find
 * this information in logarithmic time.
 *
 * @param {Array<number>} x input
 * @param {number} value the value for which to find the quantile rank
 * @returns {number} the quantile rank
 * @example
 * quantileRankSorted([1, 2, 3, 4], 3); // => 0.75
 * quantileRankSorted([1, 2, 3, 3, 4], 3); // => 0.7
 * quantileRankSorted([1, 2, 3, 4], 6); // => 1
 * quantileRankSorted([1, 2, 3, 3, 5], 4); // => 0.8
 */
function quantileRankSorted(x, value) {
    // Value is lesser than any value in the array
    if (value < x[0]) {
        return 0;
    }

    // Value is greater than any value in the array
    if (value > x[x.length - 1]) {
        return 1;
    }

    var l = lowerBound(x, value);

    // Value is not in the array
    if (x[l] !== value) {
        return l / x.length;
    }

    l++;

    var u = upperBound(x, value);

    // The value exists only once in the array
    if (u === l) {
        return l / x.length;
    }

    // Here, we are basically computing the mean of the range of indices
    // containing our searched value. But, instead, of initializing an
    // array and looping over it, there is a dedicated math formula that
    // we apply below to get the result.
    var r = u - l + 1;
    var sum = (r * (u + l)) / 2;
    var mean = sum / r;

    return mean / x.length;
}

function lowerBound(x, value) {
    var mid = 0;
    var lo = 0;
    var hi = x.length;

    while (lo < hi) {
        mid = (lo + hi) >>> 1;

        if (value <= x[mid]) {
            hi = mid;
        } else {
            lo = -~mid;
        }
    }

    return lo;
}

function upperBound(x, value) {
    var mid = 0;
    var lo = 0;
    var hi = x.length;

    while (lo < hi) {
        mid = (lo + hi) >>> 1;

        if (value >= x[mid]) {
            lo = -~mid;
        } else {
            hi = mid;
        }
    }

    return lo;
}

/**
 * This function returns the quantile in which one would find the given value in
 * the given array. It will copy and sort your array before each run, so
 * if you know your array is already sorted, you should use `quantileRankSorted`
 * instead.
 *
 * @param {Array<number>} x input
 * @param {number} value the value for which to find the quantile rank
 * @returns {number} the quantile rank
 * @example
 * quantileRank([4, 3, 1, 2], 3); // => 0.75
 * quantileRank([4, 3, 2, 3, 1], 3); // => 0.7
 * quantileRank([2, 4, 1, 3], 6); // => 1
 * quantileRank([5, 3, 1, 2, 3], 4); // => 0.8
 */
function quantileRank(x, value) {
    // Cloning and sorting the array
    var sortedCopy = numericSort(x);

    return quantileRankSorted(sortedCopy, value);
}

/**
 * The [R Squared](http://en.wikipedia.org/wiki/Coefficient_of_determination)
 * value of data compared with a function `f`
 * is the sum of the squared differences between the prediction
 * and the actual value.
 *
 * @param {Array<Array<number>>} x input data: this should be doubly-nested
 * @param {Function} func function called on `[i][0]` values within the dataset
 * @returns {number} r-squared value
 * @example
 * var samples = [[0, 0], [1, 1]];
 * var regressionLine = linearRegressionLine(linearRegression(samples));
 * rSquared(samples, regressionLine); // = 1 this line is a perfect fit
 */
function rSquared(x, func) {
    if (x.length < 2) {
        return 1;
    }

    // Compute the average y value for the actual
    // data set in order to compute the
    // _total sum of squares_
    var sum = 0;
    for (var i = 0; i < x.length; i++) {
        sum += x[i][1];
    }
    var average = sum / x.length;

    // Compute the total sum of squares - the
    // squared difference between each point
    // and the average of all points.
    var sumOfSquares = 0;
    for (var j = 0; j < x.length; j++) {
        sumOfSquares += Math.pow(average - x[j][1], 2);
    }

    // Finally estimate the error: the squared
    // difference between the estimate and the actual data
    // value at each point.
    var err = 0;
    for (var k = 0; k < x.length; k++) {
        err += Math.pow(x[k][1] - func(x[k][0]), 2);
    }

    // As the error grows larger, its ratio to the
    // sum of squares increases and the r squared
    // value grows lower.
    return 1 - err / sumOfSquares;
}

/**
 * The Root Mean Square (RMS) is
 * a mean function used as a measure of the magnitude of a set
 * of numbers, regardless of their sign.
 * This is the square root of the mean of the squares of the
 * input numbers.
 * This runs in `O(n)`, linear time, with respect to the length of the array.
 *
 * @param {Array<number>} x a sample of one or more data points
 * @returns {number} root mean square
 * @throws {Error} if x is empty
 * @example
 * rootMeanSquare([-1, 1, -1, 1]); // => 1
 */
function rootMeanSquare(x) {
    if (x.length === 0) {
        throw new Error("rootMeanSquare requires at least one data point");
    }

    var sumOfSquares = 0;
    for (var i = 0; i < x.length; i++) {
        sumOfSquares += Math.pow(x[i], 2);
    }

    return Math.sqrt(sumOfSquares / x.length);
}

/**
 * A [Fisher-Yates shuffle](http://en.wikipedia.org/wiki/Fisher%E2%80%93Yates_shuffle)
 * in-place - which means that it **will change the order of the original
 * array by reference**.
 *
 * This is an algorithm that generates a random [permutation](https://en.wikipedia.org/wiki/Permutation)
 * of a set.
 *
 * @param {Array} x sample of one or more numbers
 * @param {Function} [randomSource=Math.random] an optional entropy source that
 * returns numbers between 0 inclusive and 1 exclusive: the range [0, 1)
 * @returns {Array} x
 * @example
 * var x = [1, 2, 3, 4];
 * shuffleInPlace(x);
 * // x is shuffled to a value like [2, 1, 4, 3]
 */
function shuffleInPlace(x, randomSource) {
    // a custom random number source can be provided if you want to use
    // a fixed seed or another random number generator, like
    // [random-js](https://www.npmjs.org/package/random-js)
    randomSource = randomSource || Math.random;

    // store the current length of the x to determine
    // when no elements remain to shuffle.
    var length = x.length;

    // temporary is used to hold an item when it is being
    // swapped between indices.
    var temporary;

    // The index to swap at each stage.
    var index;

    // While there are still items to shuffle
    while (length > 0) {
        // choose a random index within the subset of the array
        // that is not yet shuffled
        index = Math.floor(randomSource() * length--);

        // store the value that we'll move temporarily
        temporary = x[length];

        // swap the value at `x[length]` with `x[index]`
        x[length] = x[index];
        x[index] = temporary;
    }

    return x;
}

/**
 * A [Fisher-Yates shuffle](http://en.wikipedia.org/wiki/Fisher%E2%80%93Yates_shuffle)
 * is a fast way to create a random permutation of a finite set. This is
 * a function around `shuffle_in_place` that adds the guarantee that
 * it will not modify its input.
 *
 * @param {Array} x sample of 0 or more numbers
 * @param {Function} [randomSource=Math.random] an optional entropy source that
 * returns numbers between 0 inclusive and 1 exclusive: the range [0, 1)
 * @return {Array} shuffled version of input
 * @example
 * var shuffled = shuffle([1, 2, 3, 4]);
 * shuffled; // = [2, 3, 1, 4] or any other random permutation
 */
function shuffle(x, randomSource) {
    // slice the original array so that it is not modified
    var sample = x.slice();

    // and then shuffle that shallow-copied array, in place
    return shuffleInPlace(sample, randomSource);
}

/**
 * Create a [simple random sample](http://en.wikipedia.org/wiki/Simple_random_sample)
 * from a given array of `n` elements.
 *
 * The sampled values will be in any order, not necessarily the order
 * they appear in the input.
 *
 * @param {Array<any>} x input array. can contain any type
 * @param {number} n count of how many elements to take
 * @param {Function} [randomSource=Math.random] an optional entropy source that
 * returns numbers between 0 inclusive and 1 exclusive: the range [0, 1)
 * @return {Array} subset of n elements in original array
 *
 * @example
 * var values = [1, 2, 4, 5, 6, 7, 8, 9];
 * sample(values, 3); // returns 3 random values, like [2, 5, 8];
 */
function sample(x, n, randomSource) {
    // shuffle the original array using a fisher-yates shuffle
    var shuffled = shuffle(x, randomSource);

    // and then return a subset of it - the first `n` elements.
    return shuffled.slice(0, n);
}

/**
 * [Sample covariance](https://en.wikipedia.org/wiki/Sample_mean_and_covariance) of two datasets:
 * how much do the two datasets move together?
 * x and y are two datasets, represented as arrays of numbers.
 *
 * @param {Array<number>} x a sample of two or more data points
 * @param {Array<number>} y a sample of two or more data points
 * @throws {Error} if x and y do not have equal lengths
 * @throws {Error} if x or y have length of one or less
 * @returns {number} sample covariance
 * @example
 * sampleCovariance([1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]); // => -3.5
 */
function sampleCovariance(x, y) {
    // The two datasets must have the same length which must be more than 1
    if (x.length !== y.length) {
        throw new Error("sampleCovariance requires samples with equal lengths");
    }

    if (x.length < 2) {
        throw new Error(
            "sampleCovariance requires at least two data points in each sample"
        );
    }

    // determine the mean of each dataset so that we can judge each
    // value of the dataset fairly as the difference from the mean. this
    // way, if one dataset is [1, 2, 3] and [2, 3, 4], their covariance
    // does not suffer because of the difference in absolute values
    var xmean = mean(x);
    var ymean = mean(y);
    var sum = 0;

    // for each pair of values, the covariance increases when their
    // difference from the mean is associated - if both are well above
    // or if both are well below
    // the mean, the covariance increases significantly.
    for (var i = 0; i < x.length; i++) {
        sum += (x[i] - xmean) * (y[i] - ymean);
    }

    // this is Bessels' Correction: an adjustment made to sample statistics
    // that allows for the reduced degree of freedom entailed in calculating
    // values from samples rather than complete populations.
    var besselsCorrection = x.length - 1;

    // the covariance is weighted by the length of the datasets.
    return sum / besselsCorrection;
}

/**
 * The [correlation](http://en.wikipedia.org/wiki/Correlation_and_dependence) is
 * a measure of how correlated two datasets are, between -1 and 1
 *
 * @param {Array<number>} x first input
 * @param {Array<number>} y second input
 * @returns {number} sample correlation
 * @example
 * sampleCorrelation([1, 2, 3, 4, 5, 6], [2, 2, 3, 4, 5, 60]).toFixed(2);
 * // => '0.69'
 */
function sampleCorrelation(x, y) {
    var cov = sampleCovariance(x, y);
    var xstd = sampleStandardDeviation(x);
    var ystd = sampleStandardDeviation(y);

    return cov / xstd / ystd;
}

/**
 * [Kurtosis](http://en.wikipedia.org/wiki/Kurtosis) is
 * a measure of the heaviness of a distribution's tails relative to its
 * variance. The kurtosis value can be positive or negative, or even undefined.
 *
 * Implementation is based on Fisher's excess kurtosis definition and uses
 * unbiased moment estimators. This is the version found in Excel and available
 * in several statistical packages, including SAS and SciPy.
 *
 * @param {Array<number>} x a sample of 4 or more data points
 * @returns {number} sample kurtosis
 * @throws {Error} if x has length less than 4
 * @example
 * sampleKurtosis([1, 2, 2, 3, 5]); // => 1.4555765595463122
 */
function sampleKurtosis(x) {
    var n = x.length;

    if (n < 4) {
        throw new Error("sampleKurtosis requires at least four data points");
    }

    var meanValue = mean(x);
    var tempValue;
    var secondCentralMoment = 0;
    var fourthCentralMoment = 0;

    for (var i = 0; i < n; i++) {
        tempValue = x[i] - meanValue;
        secondCentralMoment += tempValue * tempValue;
        fourthCentralMoment += tempValue * tempValue * tempValue * tempValue;
    }

    return (
        ((n - 1) / ((n - 2) * (n - 3))) *
        ((n * (n + 1) * fourthCentralMoment) /
            (secondCentralMoment * secondCentralMoment) -
            3 * (n - 1))
    );
}

/**
 * Rank values, giving tied values the average of the ranks they span.
 *
 * Spearman's rho is defined on these midranks. Assigning tied values
 * distinct consecutive ranks instead would make the rank of a value depend
 * on where it happens to sit in the input array, and therefore make the
 * correlation depend on the order the pairs are listed in.
 *
 * @private
 * @param {Array<number>} values input
 * @returns {Array<number>} ranks, in the order of the input
 */
function midranks(values) {
    var order = values
        .map(function (value, index) { return [value, index]; })
        .sort(function (a, b) { return a[0] - b[0]; });

    var ranks = Array(values.length);
    var i = 0;
    while (i < order.length) {
        // Extend j across every value tied with the one at i.
        var j = i;
        while (j + 1 < order.length && order[j + 1][0] === order[i][0]) {
            j++;
        }
        var rank = (i + j) / 2;
        for (var k = i; k <= j; k++) {
            ranks[order[k][1]] = rank;
        }
        i = j + 1;
    }
    return ranks;
}

/**
 * The [rank correlation](https://en.wikipedia.org/wiki/Rank_correlation) is
 * a measure of the strength of monotonic relationship between two arrays
 *
 * Tied values share the average of the ranks they span, so the result
 * depends only on the paired data and not on the order the pairs are given
 * in. When either input has no rank variance the correlation is undefined
 * and the result is `NaN`.
 *
 * @param {Array<number>} x first input
 * @param {Array<number>} y second input
 * @returns {number} sample rank correlation
 * @example
 * sampleRankCorrelation([1, 2, 3, 4, 5], [1, 4, 9, 16, 25]);
 * // => 1
 */
function sampleRankCorrelation(x, y) {
    return sampleCorrelation(midranks(x), midranks(y));
}

/**
 * [Skewness](http://en.wikipedia.org/wiki/Skewness) is
 * a measure of the extent to which a probability distribution of a
 * real-valued random variable "leans" to one side of the mean.
 * The skewness value can be positive or negative, or even undefined.
 *
 * Implementation is based on the adjusted Fisher-Pearson standardized
 * moment coefficient, which is the version found in Excel and several
 * statistical packages including Minitab, SAS and SPSS.
 *
 * Pass `biased` to opt into the biased coefficient instead, which is the
 * population moment ratio `m3 / m2^(3/2)`. That is what R reports and what
 * scipy returns by default; the adjusted coefficient above is scipy's
 * `bias=False`. The two differ by a factor of `sqrt(n * (n - 1)) / (n - 2)`.
 *
 * @since 4.1.0
 * @param {Array<number>} x a sample of 3 or more data points
 * @param {boolean} [biased=false] if true, return the biased coefficient
 * @returns {number} sample skewness
 * @throws {Error} if x has length less than 3
 * @example
 * sampleSkewness([2, 4, 6, 3, 1]); // => 0.590128656384365
 * sampleSkewness([2, 4, 6, 3, 1], true); // => 0.3958703373438167
 */
function sampleSkewness(x, biased) {
    if ( biased === void 0 ) biased = false;

    if (x.length < 3) {
        throw new Error("sampleSkewness requires at least three data points");
    }

    var meanValue = mean(x);
    var tempValue;
    var sumSquaredDeviations = 0;
    var sumCubedDeviations = 0;

    for (var i = 0; i < x.length; i++) {
        tempValue = x[i] - meanValue;
        sumSquaredDeviations += tempValue * tempValue;
        sumCubedDeviations += tempValue * tempValue * tempValue;
    }

    var n = x.length;

    if (biased) {
        // The population moments, without Bessel's correction: the biased
        // coefficient is the third central moment over the second raised
        // to three halves.
        var secondCentralMoment = sumSquaredDeviations / n;
        var thirdCentralMoment = sumCubedDeviations / n;

        return thirdCentralMoment / Math.pow(secondCentralMoment, 3 / 2);
    }

    // this is Bessels' Correction: an adjustment made to sample statistics
    // that allows for the reduced degree of freedom entailed in calculating
    // values from samples rather than complete populations.
    var besselsCorrection = x.length - 1;

    // Find the mean value of that list
    var theSampleStandardDeviation = Math.sqrt(
        sumSquaredDeviations / besselsCorrection
    );

    var cubedS = Math.pow(theSampleStandardDeviation, 3);

    return (n * sumCubedDeviations) / ((n - 1) * (n - 2) * cubedS);
}

/**
 * Sampling with replacement is a type of sampling that allows the same
 * item to be picked out of a population more than once.
 *
 * @param {Array<*>} x an array of any kind of value
 * @param {number} n count of how many elements to take
 * @param {Function} [randomSource=Math.random] an optional entropy source that
 * returns numbers between 0 inclusive and 1 exclusive: the range [0, 1)
 * @return {Array} n sampled items from the population
 * @example
 * var values = [1, 2, 3, 4];
 * sampleWithReplacement(values, 2); // returns 2 random values, like [2, 4];
 */
function sampleWithReplacement(x, n, randomSource) {
    if (x.length === 0) {
        return [];
    }

    // a custom random number source can be provided if you want to use
    // a fixed seed or another random number generator, like
    // [random-js](https://www.npmjs.org/package/random-js)
    randomSource = randomSource || Math.random;

    var length = x.length;
    var sample = [];

    for (var i = 0; i < n; i++) {
        var index = Math.floor(randomSource() * length);

        sample.push(x[index]);
    }

    return sample;
}

/**
 * The [root mean square](https://en.wikipedia.org/wiki/Root_mean_square)
 * computed by scaling, which is an equivalent way of computing
 * `rootMeanSquare` suitable for values whose squares leave floating point
 * range.
 *
 * `rootMeanSquare` sums the squares directly, so it returns `Infinity` once
 * a value exceeds about 1e154 and `0` once every value falls below about
 * 1e-162. This function divides through by the largest magnitude first, so
 * the squares it sums are all at most one.
 *
 * It runs in `O(n)`, linear time, with respect to the length of the array,
 * in two passes rather than one.
 *
 * @param {Array<number>} x a sample of one or more data points
 * @returns {number} root mean square
 * @throws {Error} if x is empty
 * @example
 * scaledRootMeanSquare([-1, 1, -1, 1]); // => 1
 * scaledRootMeanSquare([1e200, 2e200, 3e200]); // => 2.1602468994692866e+200
 */
function scaledRootMeanSquare(x) {
    if (x.length === 0) {
        throw new Error(
            "scaledRootMeanSquare requires at least one data point"
        );
    }

    var max = 0;
    for (var i = 0; i < x.length; i++) {
        var magnitude = Math.abs(x[i]);
        max = Math.max(max, magnitude);
    }

    // Every value is zero, and the division below would be 0 / 0.
    if (max === 0) {
        return 0;
    }

    // An infinite or missing largest value cannot be scaled away, and
    // dividing by it would turn the result into NaN. Report it as
    // `rootMeanSquare` does.
    if (!Number.isFinite(max)) {
        return max;
    }

    var sumOfSquares = 0;
    for (var i$1 = 0; i$1 < x.length; i$1++) {
        var scaled = x[i$1] / max;
        sumOfSquares += scaled * scaled;
    }

    return max * Math.sqrt(sumOfSquares / x.length);
}

/**
 * The [variance](http://en.wikipedia.org/wiki/Variance)
 * is the sum of squared deviations from the mean.
 *
 * This is an implementation of variance, not sample variance:
 * see the `sampleVariance` method if you want a sample measure.
 *
 * @param {Array<number>} x a population of one or more data points
 * @returns {number} variance: a value greater than or equal to zero.
 * zero indicates that all values are identical.
 * @throws {Error} if x's length is 0
 * @example
 * variance([1, 2, 3, 4, 5, 6]); // => 2.9166666666666665
 */
function variance(x) {
    if (x.length === 0) {
        throw new Error("variance requires at least one data point");
    }

    // Find the mean of squared deviations between the
    // mean value and each value.
    return sumNthPowerDeviations(x, 2) / x.length;
}

/**
 * The [standard deviation](http://en.wikipedia.org/wiki/Standard_deviation)
 * is the square root of the variance. This is also known as the population
 * standard deviation. It's useful for measuring the amount
 * of variation or dispersion in a set of values.
 *
 * Standard deviation is only appropriate for full-population knowledge: for
 * samples of a population, {@link sampleStandardDeviation} is
 * more appropriate.
 *
 * @param {Array<number>} x input
 * @returns {number} standard deviation
 * @example
 * variance([2, 4, 4, 4, 5, 5, 7, 9]); // => 4
 * standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]); // => 2
 */
function standardDeviation(x) {
    if (x.length === 1) {
        return 0;
    }
    var v = variance(x);
    return Math.sqrt(v);
}

/**
 * When removing a value from a list, one does not have to necessary
 * recompute the mean of the list in linear time. They can instead use
 * this function to compute the new mean by providing the current mean,
 * the number of elements in the list that produced it and the value to remove.
 *
 * @since 3.0.0
 * @param {number} mean current mean
 * @param {number} n number of items in the list
 * @param {number} value the value to remove
 * @returns {number} the new mean
 *
 * @example
 * subtractFromMean(20.5, 6, 53); // => 14
 */
function subtractFromMean(mean, n, value) {
    return (mean * n - value) / (n - 1);
}

/**
 * This is to compute [a one-sample t-test](https://en.wikipedia.org/wiki/Student%27s_t-test#One-sample_t-test), comparing the mean
 * of a sample to a known value, x.
 *
 * in this case, we're trying to determine whether the
 * population mean is equal to the value that we know, which is `x`
 * here. Usually the results here are used to look up a
 * [p-value](http://en.wikipedia.org/wiki/P-value), which, for
 * a certain level of significance, will let you determine that the
 * null hypothesis can or cannot be rejected.
 *
 * @param {Array<number>} x sample of one or more numbers
 * @param {number} expectedValue expected value of the population mean
 * @returns {number} value
 * @example
 * tTest([1, 2, 3, 4, 5, 6], 3.385).toFixed(2); // => '0.16'
 */
function tTest(x, expectedValue) {
    // The mean of the sample
    var sampleMean = mean(x);

    // The standard deviation of the sample
    var sd = standardDeviation(x);

    // Square root the length of the sample
    var rootN = Math.sqrt(x.length);

    // returning the t value
    return (sampleMean - expectedValue) / (sd / rootN);
}

/**
 * This is to compute [two sample t-test](http://en.wikipedia.org/wiki/Student's_t-test).
 * Tests whether "mean(X)-mean(Y) = difference", (
 * in the most common case, we often have `difference == 0` to test if two samples
 * are likely to be taken from populations with the same mean value) with
 * no prior knowledge on standard deviations of both samples
 * other than the fact that they have the same standard deviation.
 *
 * Usually the results here are used to look up a
 * [p-value](http://en.wikipedia.org/wiki/P-value), which, for
 * a certain level of significance, will let you determine that the
 * null hypothesis can or cannot be rejected.
 *
 * `diff` can be omitted if it equals 0.
 *
 * [This is used to reject](https://en.wikipedia.org/wiki/Exclusion_of_the_null_hypothesis)
 * a null hypothesis that the two populations that have been sampled into
 * `sampleX` and `sampleY` are equal to each other.
 *
 * @param {Array<number>} sampleX a sample as an array of numbers
 * @param {Array<number>} sampleY a sample as an array of numbers
 * @param {number} [difference=0]
 * @returns {number|null} test result
 *
 * @example
 * tTestTwoSample([1, 2, 3, 4], [3, 4, 5, 6], 0); // => -2.1908902300206643
 */
function tTestTwoSample(sampleX, sampleY, difference) {
    var n = sampleX.length;
    var m = sampleY.length;

    // If either sample doesn't actually have any values, we can't
    // compute this at all, so we return `null`.
    if (!n || !m) {
        return null;
    }

    // default difference (mu) is zero
    if (!difference) {
        difference = 0;
    }

    var meanX = mean(sampleX);
    var meanY = mean(sampleY);
    var sampleVarianceX = sampleVariance(sampleX);
    var sampleVarianceY = sampleVariance(sampleY);

    if (
        typeof meanX === "number" &&
        typeof meanY === "number" &&
        typeof sampleVarianceX === "number" &&
        typeof sampleVarianceY === "number"
    ) {
        var weightedVariance =
            ((n - 1) * sampleVarianceX + (m - 1) * sampleVarianceY) /
            (n + m - 2);

        return (
            (meanX - meanY - difference) /
            Math.sqrt(weightedVariance * (1 / n + 1 / m))
        );
    }
}

/**
 * Validate values and weights for weighted statistics and return the total
 * weight.
 *
 * @param {Array<number>} x input values
 * @param {Array<number>} weights weights for each input value
 * @param {string} name function name for error messages
 * @returns {number} total weight
 * @private
 */
function validateWeightedInput(x, weights, name) {
    if (x.length === 0) {
        throw new Error((name + " requires at least one data point"));
    }

    if (x.length !== weights.length) {
        throw new Error(
            (name + " requires values and weights to be the same length")
        );
    }

    var totalWeight = 0;

    for (var i = 0; i < weights.length; i++) {
        if (weights[i] < 0) {
            throw new Error((name + " requires weights to be non-negative"));
        }

        totalWeight += weights[i];
    }

    if (totalWeight === 0) {
        throw new Error((name + " requires at least one positive weight"));
    }

    return totalWeight;
}

/**
 * [Weighted least squares](https://en.wikipedia.org/wiki/Weighted_least_squares)
 * fits a line through a set of coordinates in which some observations count
 * for more than others, which is what R's `lm()` does when given a `weights`
 * argument. `linearRegression` is the special case where every weight is
 * equal.
 *
 * A weight of zero drops its observation from the fit. Weights are relative,
 * so scaling all of them by the same factor leaves the line unchanged.
 *
 * @param {Array<Array<number>>} data an array of two-element arrays,
 * like `[[0, 1], [2, 3]]`
 * @param {Array<number>} weights weight for each coordinate
 * @returns {Object} object containing slope and intersect of regression line
 * @throws {Error} if data is empty, weights is a different length than data,
 * all weights are zero, or a weight is negative
 * @example
 * weightedLinearRegression([[0, 0], [1, 1], [2, 2]], [1, 1, 1]); // => { m: 1, b: 0 }
 */
function weightedLinearRegression(data, weights) {
    var totalWeight = validateWeightedInput(
        data,
        weights,
        "weightedLinearRegression"
    );

    // With one point the slope is unconstrained, so match `linearRegression`
    // and take the horizontal line through it.
    if (data.length === 1) {
        return { m: 0, b: data[0][1] };
    }

    // The weighted means of x and y. Centering on them before accumulating
    // the cross products keeps the sums small when the coordinates are not.
    var sumWeightedX = 0;
    var sumWeightedY = 0;
    for (var i = 0; i < data.length; i++) {
        sumWeightedX += weights[i] * data[i][0];
        sumWeightedY += weights[i] * data[i][1];
    }
    var meanX = sumWeightedX / totalWeight;
    var meanY = sumWeightedY / totalWeight;

    var sumXY = 0;
    var sumXX = 0;
    for (var i$1 = 0; i$1 < data.length; i$1++) {
        var deviationX = data[i$1][0] - meanX;
        sumXY += weights[i$1] * deviationX * (data[i$1][1] - meanY);
        sumXX += weights[i$1] * deviationX * deviationX;
    }

    var m = sumXY / sumXX;

    return { m: m, b: meanY - m * meanX };
}

/**
 * The [weighted mean](https://en.wikipedia.org/wiki/Weighted_arithmetic_mean),
 * _also known as weighted average_, is the sum of each value multiplied by its
 * weight, divided by the total weight.
 *
 * The weighted values are accumulated with the same
 * [Kahan-Babuska](https://pdfs.semanticscholar.org/1760/7d467cda1d0277ad272deb2113533131dc09.pdf)
 * correction that {@link sum} uses, so that terms which cancel do not lose
 * precision. The correction is applied in a single pass, without building an
 * intermediate array.
 *
 * This runs in `O(n)`, linear time, with respect to the length of the array.
 *
 * @param {Array<number>} x sample of one or more data points
 * @param {Array<number>} weights non-negative weights for each data point
 * @throws {Error} if x is empty, weights is a different length than x, all weights are zero, or a weight is negative
 * @returns {number} weighted mean
 * @example
 * weightedMean([80, 90, 100], [1, 1, 2]); // => 92.5
 */
function weightedMean(x, weights) {
    var totalWeight = validateWeightedInput(x, weights, "weightedMean");

    var weightedSum = x[0] * weights[0];
    var correction = 0;
    var transition;
    var value;

    for (var i = 1; i < x.length; i++) {
        value = x[i] * weights[i];
        transition = weightedSum + value;

        if (Math.abs(weightedSum) >= Math.abs(value)) {
            correction += weightedSum - transition + value;
        } else {
            correction += value - transition + weightedSum;
        }

        weightedSum = transition;
    }

    return (weightedSum + correction) / totalWeight;
}

/**
 * The weighted quantile is the value whose cumulative weight reaches the
 * requested probability.
 *
 * This implementation sorts value/weight pairs by value, then returns the
 * first value where cumulative weight is greater than or equal to `p` times the
 * total weight. When p is an array, the result is also an array containing the
 * appropriate weighted quantiles in input order.
 *
 * @param {Array<number>} x sample of one or more data points
 * @param {Array<number>} weights non-negative weights for each data point
 * @param {Array<number> | number} p the desired quantile, as a number between 0 and 1
 * @throws {Error} if x is empty, weights is a different length than x, all weights are zero, a weight is negative, or p is outside of the range from 0 to 1
 * @returns {number} weighted quantile
 * @example
 * weightedQuantile([1, 2, 3], [1, 1, 2], 0.5); // => 2
 */
function weightedQuantile(x, weights, p) {
    var totalWeight = validateWeightedInput(x, weights, "weightedQuantile");
    var sorted = [];

    for (var i = 0; i < x.length; i++) {
        sorted.push([x[i], weights[i]]);
    }

    sorted.sort(compareValue);

    if (Array.isArray(p)) {
        var results = [];

        for (var i$1 = 0; i$1 < p.length; i$1++) {
            results[i$1] = weightedQuantileSorted(sorted, totalWeight, p[i$1]);
        }

        return results;
    }

    return weightedQuantileSorted(sorted, totalWeight, p);
}

function weightedQuantileSorted(sorted, totalWeight, p) {
    if (p < 0 || p > 1) {
        throw new Error("quantiles must be between 0 and 1");
    }

    if (p === 0) {
        return sorted[0][0];
    }

    var threshold = p * totalWeight;
    var cumulativeWeight = 0;

    for (var i = 0; i < sorted.length; i++) {
        cumulativeWeight += sorted[i][1];

        if (cumulativeWeight >= threshold) {
            return sorted[i][0];
        }
    }

    return sorted[sorted.length - 1][0];
}

function compareValue(a, b) {
    return a[0] - b[0];
}

/**
 * The [weighted variance](https://en.wikipedia.org/wiki/Weighted_arithmetic_mean#Weighted_sample_variance)
 * is the average weighted squared deviation from the weighted mean.
 *
 * This is a population weighted variance: see the `variance` method for the
 * unweighted population variance.
 *
 * @param {Array<number>} x population of one or more data points
 * @param {Array<number>} weights non-negative weights for each data point
 * @throws {Error} if x is empty, weights is a different length than x, all weights are zero, or a weight is negative
 * @returns {number} weighted variance
 * @example
 * weightedVariance([2, 4, 4, 4, 5, 5, 7, 9], [1, 1, 1, 1, 1, 1, 1, 1]); // => 4
 */
function weightedVariance(x, weights) {
    var totalWeight = validateWeightedInput(x, weights, "weightedVariance");
    var mean = weightedMean(x, weights);
    var weightedSumSquaredDeviations = 0;

    for (var i = 0; i < x.length; i++) {
        var deviation = x[i] - mean;
        weightedSumSquaredDeviations += weights[i] * deviation * deviation;
    }

    return weightedSumSquaredDeviations / totalWeight;
}

/**
 * The [weighted standard deviation](https://en.wikipedia.org/wiki/Standard_deviation)
 * is the square root of the weighted variance.
 *
 * This is a population weighted standard deviation.
 *
 * @param {Array<number>} x population of one or more data points
 * @param {Array<number>} weights non-negative weights for each data point
 * @throws {Error} if x is empty, weights is a different length than x, all weights are zero, or a weight is negative
 * @returns {number} weighted standard deviation
 * @example
 * weightedStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9], [1, 1, 1, 1, 1, 1, 1, 1]); // => 2
 */
function weightedStandardDeviation(x, weights) {
    return Math.sqrt(weightedVariance(x, weights));
}

/**
 * This function calculates the Wilcoxon rank sum statistic for the first sample
 * with respect to the second. The Wilcoxon rank sum test is a non-parametric
 * alternative to the t-test which is equivalent to the
 * [Mann-Whitney U test](https://en.wikipedia.org/wiki/Mann%E2%80%93Whitney_U_test).
 * The statistic is calculated by pooling all the observations together, ranking them,
 * and then summing the ranks associated with one of the samples. If this rank sum is
 * sufficiently large or small we reject the hypothesis that the two samples come
 * from the same distribution in favor of the alternative that one is shifted with
 * respect to the other.
 *
 * @param {Array<number>} sampleX a sample as an array of numbers
 * @param {Array<number>} sampleY a sample as an array of numbers
 * @returns {number} rank sum for sampleX
 *
 * @example
 * wilcoxonRankSum([1, 4, 8], [9, 12, 15]); // => 6
 */
function wilcoxonRankSum(sampleX, sampleY) {
    if (!sampleX.length || !sampleY.length) {
        throw new Error("Neither sample can be empty");
    }

    var pooledSamples = sampleX
        .map(function (x) { return ({ label: "x", value: x }); })
        .concat(sampleY.map(function (y) { return ({ label: "y", value: y }); }))
        .sort(function (a, b) { return a.value - b.value; });

    for (var rank = 0; rank < pooledSamples.length; rank++) {
        pooledSamples[rank].rank = rank;
    }

    var tiedRanks = [pooledSamples[0].rank];
    for (var i = 1; i < pooledSamples.length; i++) {
        if (pooledSamples[i].value === pooledSamples[i - 1].value) {
            tiedRanks.push(pooledSamples[i].rank);
            if (i === pooledSamples.length - 1) {
                replaceRanksInPlace(pooledSamples, tiedRanks);
            }
        } else {
            if (tiedRanks.length > 1) {
                replaceRanksInPlace(pooledSamples, tiedRanks);
            }
            tiedRanks = [pooledSamples[i].rank];
        }
    }

    function replaceRanksInPlace(pooledSamples, tiedRanks) {
        var average = (tiedRanks[0] + tiedRanks[tiedRanks.length - 1]) / 2;
        for (var i = 0; i < tiedRanks.length; i++) {
            pooledSamples[tiedRanks[i]].rank = average;
        }
    }

    var rankSum = 0;

    for (var i$1 = 0; i$1 < pooledSamples.length; i$1++) {
        var sample = pooledSamples[i$1];
        if (sample.label === "x") {
            rankSum += sample.rank + 1;
        }
    }

    return rankSum;
}

/**
 * We use `ε`, epsilon, as a stopping criterion when we want to iterate
 * until we're "close enough". Epsilon is a very small number: for
 * simple statistics, that number is **0.0001**
 *
 * This is used in calculations like the binomialDistribution, in which
 * the process of finding a value is [iterative](https://en.wikipedia.org/wiki/Iterative_method):
 * it progresses until it is close enough.
 *
 * Below is an example of using epsilon in [gradient descent](https://en.wikipedia.org/wiki/Gradient_descent),
 * where we're trying to find a local minimum of a function's derivative,
 * given by the `fDerivative` method.
 *
 * @example
 * // From calculation, we expect that the local minimum occurs at x=9/4
 * var x_old = 0;
 * // The algorithm starts at x=6
 * var x_new = 6;
 * var stepSize = 0.01;
 *
 * function fDerivative(x) {
 *   return 4 * Math.pow(x, 3) - 9 * Math.pow(x, 2);
 * }
 *
 * // The loop runs until the difference between the previous
 * // value and the current value is smaller than epsilon - a rough
 * // meaure of 'close enough'
 * while (Math.abs(x_new - x_old) > ss.epsilon) {
 *   x_old = x_new;
 *   x_new = x_old - stepSize * fDerivative(x_old);
 * }
 *
 * console.log('Local minimum occurs at', x_new);
 */
var epsilon = 0.0001;

/**
 * Relative error.
 *
 * This is more difficult to calculate than it first appears [1,2].  The usual
 * formula for the relative error between an actual value A and an expected
 * value E is `|(A-E)/E|`, but:
 *
 * 1. If the expected value is 0, any other value has infinite relative error,
 *    which is counter-intuitive: if the expected voltage is 0, getting 1/10th
 *    of a volt doesn't feel like an infinitely large error.
 *
 * 2. This formula does not satisfy the mathematical definition of a metric [3].
 *    [4] solved this problem by defining the relative error as `|ln(|A/E|)|`,
 *    but that formula only works if all values are positive: for example, it
 *    reports the relative error of -10 and 10 as 0.
 *
 * Our implementation sticks with convention and returns:
 *
 * - 0 if the actual and expected values are both zero
 * - Infinity if the actual value is non-zero and the expected value is zero
 * - `|(A-E)/E|` in all other cases
 *
 * [1] https://math.stackexchange.com/questions/677852/how-to-calculate-relative-error-when-true-value-is-zero
 * [2] https://en.wikipedia.org/wiki/Relative_change_and_difference
 * [3] https://en.wikipedia.org/wiki/Metric_(mathematics)#Definition
 * [4] F.W.J. Olver: "A New Approach to Error Arithmetic." SIAM Journal on
 *     Numerical Analysis, 15(2), 1978, 10.1137/0715024.
 *
 * @param {number} actual The actual value.
 * @param {number} expected The expected value.
 * @return {number} The relative error.
 */
function relativeError(actual, expected) {
    // These lines are actually covered by tests, but it seems
    // like c8 has a bug that marks them as not covered.
    /* c8 ignore start */
    if (actual === 0 && expected === 0) {
        return 0;
    }
    /* c8 ignore end */
    return Math.abs((actual - expected) / expected);
}

/**
 * Approximate equality.
 *
 * @param {number} actual The value to be tested.
 * @param {number} expected The reference value.
 * @param {number} [tolerance=epsilon] The acceptable relative difference.
 * @return {boolean} Whether numbers are within tolerance.
 */
function approxEqual(actual, expected, tolerance) {
    if ( tolerance === void 0 ) tolerance = epsilon;

    return relativeError(actual, expected) <= tolerance;
}

/**
 * [Bayesian Classifier](http://en.wikipedia.org/wiki/Naive_Bayes_classifier)
 *
 * This is a naïve bayesian classifier that takes
 * singly-nested objects.
 *
 * @class
 * @example
 * var bayes = new BayesianClassifier();
 * bayes.train({
 *   species: 'Cat'
 * }, 'animal');
 * var result = bayes.score({
 *   species: 'Cat'
 * })
 * // result
 * // {
 * //   animal: 1
 * // }
 */
var BayesianClassifier = function BayesianClassifier() {
    // The number of items that are currently
    // classified in the model
    this.totalCount = 0;
    // Every item classified in the model
    this.data = {};
};

/**
 * Train the classifier with a new item, which has a single
 * dimension of Javascript literal keys and values.
 *
 * @param {Object} item an object with singly-deep properties
 * @param {string} category the category this item belongs to
 * @return {undefined} adds the item to the classifier
 */
BayesianClassifier.prototype.train = function train (item, category) {
    // If the data object doesn't have any values
    // for this category, create a new object for it.
    if (!this.data[category]) {
        this.data[category] = {};
    }

    // Iterate through each key in the item.
    for (var k in item) {
        var v = item[k];
        // Initialize the nested object `data[category][k][item[k]]`
        // with an object of keys that equal 0.
        if (this.data[category][k] === undefined) {
            this.data[category][k] = {};
        }
        if (this.data[category][k][v] === undefined) {
            this.data[category][k][v] = 0;
        }

        // And increment the key for this key/value combination.
        this.data[category][k][v]++;
    }

    // Increment the number of items classified
    this.totalCount++;
};

/**
 * Generate a score of how well this item matches all
 * possible categories based on its attributes
 *
 * @param {Object} item an item in the same format as with train
 * @returns {Object} of probabilities that this item belongs to a
 * given category.
 */
BayesianClassifier.prototype.score = function score (item) {
    // Initialize an empty array of odds per category.
    var odds = {};
    var category;
    // Iterate through each key in the item,
    // then iterate through each category that has been used
    // in previous calls to `.train()`
    for (var k in item) {
        var v = item[k];
        for (category in this.data) {
            // Create an empty object for storing key - value combinations
            // for this category, keeping combinations already collected
            // from earlier properties of the same item.
            if (odds[category] === undefined) {
                odds[category] = {};
            }

            // If this item doesn't even have a property, it counts for nothing,
            // but if it does have the property that we're looking for from
            // the item to categorize, it counts based on how popular it is
            // versus the whole population.
            if (this.data[category][k]) {
                odds[category][k + "_" + v] =
                    (this.data[category][k][v] || 0) / this.totalCount;
            } else {
                odds[category][k + "_" + v] = 0;
            }
        }
    }

    // Set up a new object that will contain sums of these odds by category
    var oddsSums = {};

    for (category in odds) {
        // Tally all of the odds for each category-combination pair -
        // the non-existence of a category does not add anything to the
        // score.
        oddsSums[category] = 0;
        for (var combination in odds[category]) {
            oddsSums[category] += odds[category][combination];
        }
    }

    return oddsSums;
};

/**
 * The [Bernoulli distribution](http://en.wikipedia.org/wiki/Bernoulli_distribution)
 * is the probability discrete
 * distribution of a random variable which takes value 1 with success
 * probability `p` and value 0 with failure
 * probability `q` = 1 - `p`. It can be used, for example, to represent the
 * toss of a coin, where "1" is defined to mean "heads" and "0" is defined
 * to mean "tails" (or vice versa). It is
 * a special case of a Binomial Distribution
 * where `n` = 1.
 *
 * @param {number} p input value, between 0 and 1 inclusive
 * @returns {number[]} values of bernoulli distribution at this point
 * @throws {Error} if p is outside 0 and 1
 * @example
 * bernoulliDistribution(0.3); // => [0.7, 0.3]
 */
function bernoulliDistribution(p) /*: number[] */ {
    // Check that `p` is a valid probability (0 ≤ p ≤ 1)
    if (p < 0 || p > 1) {
        throw new Error(
            "bernoulliDistribution requires probability to be between 0 and 1 inclusive"
        );
    }

    return [1 - p, p];
}

// Define series coefficients
var COEFFICIENTS = (/* unused pure expression or super */ null && ([
    0.99999999999999709182, 57.156235665862923517, -59.59796035547549,
    14.136097974741747174, -0.4919138160976202, 0.33994649984811888699e-4,
    0.46523628927048575665e-4, -9837447530487956e-20,
    0.15808870322491248884e-3, -21026444172410488e-20,
    0.2174396181152126432e-3, -1643181065367639e-19,
    0.84418223983852743293e-4, -26190838401581408e-21,
    0.36899182659531622704e-5
]));

var g = (/* unused pure expression or super */ null && (607 / 128));
var LOGSQRT2PI = Math.log(Math.sqrt(2 * Math.PI));

/**
 * Compute the logarithm of the [gamma function](https://en.wikipedia.org/wiki/Gamma_function) of a value using Lanczos' approximation.
 * This function takes as input any real-value n greater than 0.
 * This function is useful for values of n too large for the normal gamma function (n > 165).
 * The code is based on Lanczo's Gamma approximation, defined [here](http://my.fit.edu/~gabdo/gamma.txt).
 *
 * @param {number} n Any real number greater than zero.
 * @returns {number} The logarithm of gamma of the input value.
 *
 * @example
 * gammaln(500); // 2605.1158503617335
 * gammaln(2.4); // 0.21685932244884043
 */
function gammaln(n) {
    // Return infinity if value not in domain
    if (n <= 0) {
        return Number.POSITIVE_INFINITY;
    }

    // Decrement n, because approximation is defined for n - 1
    n--;

    // Create series approximation
    var a = COEFFICIENTS[0];

    for (var i = 1; i < 15; i++) {
        a += COEFFICIENTS[i] / (n + i);
    }

    var tmp = g + 0.5 + n;

    // Return natural logarithm of gamma(n)
    return LOGSQRT2PI + Math.log(a) - tmp + (n + 0.5) * Math.log(tmp);
}

/**
 * Discrete distributions are tabulated cell by cell, and the Poisson
 * distribution has no upper bound at all, so their tables need a length we can
 * still allocate. Past this, `binomialDistribution` and `poissonDistribution`
 * report a distribution they cannot produce rather than a partial one.
 */
var maxDistributionCells = 1e6;

/**
 * The [Binomial Distribution](http://en.wikipedia.org/wiki/Binomial_distribution) is the discrete probability
 * distribution of the number of successes in a sequence of n independent yes/no experiments, each of which yields
 * success with probability `probability`. Such a success/failure experiment is also called a Bernoulli experiment or
 * Bernoulli trial; when trials = 1, the Binomial Distribution is a Bernoulli Distribution.
 *
 * Returns `undefined` when the distribution cannot be calculated: either
 * argument is outside its domain or is not a number, or when `trials` is large
 * enough that the table would run past a million cells.
 *
 * @param {number} trials number of trials to simulate
 * @param {number} probability
 * @returns {number[] | undefined} output
 */
function binomialDistribution(trials, probability) /*: ?number[] */ {
    // Check that `p` is a valid probability (0 ≤ p ≤ 1),
    // that `n` is an integer, strictly positive.
    if (probability < 0 || probability > 1 || trials <= 0 || trials % 1 !== 0) {
        return undefined;
    }

    // More successes than trials are impossible, and the table cannot outgrow
    // what we can allocate.
    var lastCell = Math.min(trials, maxDistributionCells - 1);

    // The logarithms below are undefined at the ends of the probability range,
    // where the outcome is certain anyway.
    if (probability === 0) {
        return [1];
    }
    if (probability === 1) {
        if (trials > lastCell) {
            return undefined;
        }
        var certain = new Array(trials + 1).fill(0);
        certain[trials] = 1;
        return certain;
    }

    // `x` is the random variable: the number of successes. We iterate until
    // the cumulative probability is within `epsilon` of 1.0, at which point we
    // have the useful range of the distribution.
    var x = 0;
    var cumulativeProbability = 0;
    var cells = [];

    // The terms of the mass function below that do not vary with `x`
    var logTrialsFactorial = gammaln(trials + 1);
    var logProbability = Math.log(probability);
    // `log1p` rather than `Math.log(1 - probability)`, which cancels away the
    // low digits of the complement as `probability` approaches 1.
    var log1mProbability = Math.log1p(-probability);

    // This algorithm iterates through each potential outcome,
    // until the `cumulativeProbability` is very close to 1, at
    // which point we've defined the vast majority of outcomes
    do {
        // A [probability mass function](https://en.wikipedia.org/wiki/Probability_mass_function),
        // taken through its logarithm: the binomial coefficient and the two
        // powers each leave floating-point range long before the product they
        // form does, so computing them separately loses cells the distribution
        // needs.
        cells[x] = Math.exp(
            logTrialsFactorial -
                gammaln(x + 1) -
                gammaln(trials - x + 1) +
                x * logProbability +
                (trials - x) * log1mProbability
        );
        cumulativeProbability += cells[x];
        x++;
        // When the `cumulativeProbability` is nearly 1, we've calculated
        // the useful range of this distribution
    } while (cumulativeProbability < 1 - epsilon && x <= lastCell);

    // Stopping for any other reason - a probability that is not a number, or
    // more trials than the table can hold - leaves cells that do not add up to
    // a distribution, so report that rather than returning them.
    if (
        Number.isNaN(cumulativeProbability) ||
        cumulativeProbability < 1 - epsilon
    ) {
        return undefined;
    }

    return cells;
}

/**
 * [Sign](https://en.wikipedia.org/wiki/Sign_function) is a function
 * that extracts the sign of a real number
 *
 * @param {number} x input value
 * @returns {number} sign value either 1, 0 or -1
 * @throws {TypeError} if the input argument x is not a number
 * @private
 *
 * @example
 * sign(2); // => 1
 */
function sign(x) {
    if (typeof x === "number") {
        if (x < 0) {
            return -1;
        } else if (x === 0) {
            return 0;
        } else {
            return 1;
        }
    } else {
        throw new TypeError("not a number");
    }
}

/**
 * [Bisection method](https://en.wikipedia.org/wiki/Bisection_method) is a root-finding
 * method that repeatedly bisects an interval to find the root.
 *
 * This function returns a numerical approximation to the exact value.
 *
 * @param {Function} func input function
 * @param {number} start - start of interval
 * @param {number} end - end of interval
 * @param {number} maxIterations - the maximum number of iterations
 * @param {number} errorTolerance - the error tolerance
 * @returns {number} estimated root value
 * @throws {TypeError} Argument func must be a function
 *
 * @example
 * bisect(Math.cos,0,4,100,0.003); // => 1.572265625
 */
function bisect(func, start, end, maxIterations, errorTolerance) {
    if (typeof func !== "function")
        { throw new TypeError("func must be a function"); }

    for (var i = 0; i < maxIterations; i++) {
        var output = (start + end) / 2;

        if (
            func(output) === 0 ||
            Math.abs((end - start) / 2) < errorTolerance
        ) {
            return output;
        }

        if (sign(func(output)) === sign(func(start))) {
            start = output;
        } else {
            end = output;
        }
    }

    throw new Error("maximum number of iterations exceeded");
}

/**
 * **Percentage Points of the χ2 (Chi-Squared) Distribution**
 *
 * The [χ2 (Chi-Squared) Distribution](http://en.wikipedia.org/wiki/Chi-squared_distribution) is used in the common
 * chi-squared tests for goodness of fit of an observed distribution to a theoretical one, the independence of two
 * criteria of classification of qualitative data, and in confidence interval estimation for a population standard
 * deviation of a normal distribution from a sample standard deviation.
 *
 * Values from Appendix 1, Table III of William W. Hines & Douglas C. Montgomery, "Probability and Statistics in
 * Engineering and Management Science", Wiley (1980).
 */
var chiSquaredDistributionTable = {
    1: {
        0.995: 0,
        0.99: 0,
        0.975: 0,
        0.95: 0,
        0.9: 0.02,
        0.5: 0.45,
        0.1: 2.71,
        0.05: 3.84,
        0.025: 5.02,
        0.01: 6.63,
        0.005: 7.88
    },
    2: {
        0.995: 0.01,
        0.99: 0.02,
        0.975: 0.05,
        0.95: 0.1,
        0.9: 0.21,
        0.5: 1.39,
        0.1: 4.61,
        0.05: 5.99,
        0.025: 7.38,
        0.01: 9.21,
        0.005: 10.6
    },
    3: {
        0.995: 0.07,
        0.99: 0.11,
        0.975: 0.22,
        0.95: 0.35,
        0.9: 0.58,
        0.5: 2.37,
        0.1: 6.25,
        0.05: 7.81,
        0.025: 9.35,
        0.01: 11.34,
        0.005: 12.84
    },
    4: {
        0.995: 0.21,
        0.99: 0.3,
        0.975: 0.48,
        0.95: 0.71,
        0.9: 1.06,
        0.5: 3.36,
        0.1: 7.78,
        0.05: 9.49,
        0.025: 11.14,
        0.01: 13.28,
        0.005: 14.86
    },
    5: {
        0.995: 0.41,
        0.99: 0.55,
        0.975: 0.83,
        0.95: 1.15,
        0.9: 1.61,
        0.5: 4.35,
        0.1: 9.24,
        0.05: 11.07,
        0.025: 12.83,
        0.01: 15.09,
        0.005: 16.75
    },
    6: {
        0.995: 0.68,
        0.99: 0.87,
        0.975: 1.24,
        0.95: 1.64,
        0.9: 2.2,
        0.5: 5.35,
        0.1: 10.65,
        0.05: 12.59,
        0.025: 14.45,
        0.01: 16.81,
        0.005: 18.55
    },
    7: {
        0.995: 0.99,
        0.99: 1.24,
        0.975: 1.69,
        0.95: 2.17,
        0.9: 2.83,
        0.5: 6.35,
        0.1: 12.02,
        0.05: 14.07,
        0.025: 16.01,
        0.01: 18.48,
        0.005: 20.28
    },
    8: {
        0.995: 1.34,
        0.99: 1.65,
        0.975: 2.18,
        0.95: 2.73,
        0.9: 3.49,
        0.5: 7.34,
        0.1: 13.36,
        0.05: 15.51,
        0.025: 17.53,
        0.01: 20.09,
        0.005: 21.96
    },
    9: {
        0.995: 1.73,
        0.99: 2.09,
        0.975: 2.7,
        0.95: 3.33,
        0.9: 4.17,
        0.5: 8.34,
        0.1: 14.68,
        0.05: 16.92,
        0.025: 19.02,
        0.01: 21.67,
        0.005: 23.59
    },
    10: {
        0.995: 2.16,
        0.99: 2.56,
        0.975: 3.25,
        0.95: 3.94,
        0.9: 4.87,
        0.5: 9.34,
        0.1: 15.99,
        0.05: 18.31,
        0.025: 20.48,
        0.01: 23.21,
        0.005: 25.19
    },
    11: {
        0.995: 2.6,
        0.99: 3.05,
        0.975: 3.82,
        0.95: 4.57,
        0.9: 5.58,
        0.5: 10.34,
        0.1: 17.28,
        0.05: 19.68,
        0.025: 21.92,
        0.01: 24.72,
        0.005: 26.76
    },
    12: {
        0.995: 3.07,
        0.99: 3.57,
        0.975: 4.4,
        0.95: 5.23,
        0.9: 6.3,
        0.5: 11.34,
        0.1: 18.55,
        0.05: 21.03,
        0.025: 23.34,
        0.01: 26.22,
        0.005: 28.3
    },
    13: {
        0.995: 3.57,
        0.99: 4.11,
        0.975: 5.01,
        0.95: 5.89,
        0.9: 7.04,
        0.5: 12.34,
        0.1: 19.81,
        0.05: 22.36,
        0.025: 24.74,
        0.01: 27.69,
        0.005: 29.82
    },
    14: {
        0.995: 4.07,
        0.99: 4.66,
        0.975: 5.63,
        0.95: 6.57,
        0.9: 7.79,
        0.5: 13.34,
        0.1: 21.06,
        0.05: 23.68,
        0.025: 26.12,
        0.01: 29.14,
        0.005: 31.32
    },
    15: {
        0.995: 4.6,
        0.99: 5.23,
        0.975: 6.27,
        0.95: 7.26,
        0.9: 8.55,
        0.5: 14.34,
        0.1: 22.31,
        0.05: 25,
        0.025: 27.49,
        0.01: 30.58,
        0.005: 32.8
    },
    16: {
        0.995: 5.14,
        0.99: 5.81,
        0.975: 6.91,
        0.95: 7.96,
        0.9: 9.31,
        0.5: 15.34,
        0.1: 23.54,
        0.05: 26.3,
        0.025: 28.85,
        0.01: 32,
        0.005: 34.27
    },
    17: {
        0.995: 5.7,
        0.99: 6.41,
        0.975: 7.56,
        0.95: 8.67,
        0.9: 10.09,
        0.5: 16.34,
        0.1: 24.77,
        0.05: 27.59,
        0.025: 30.19,
        0.01: 33.41,
        0.005: 35.72
    },
    18: {
        0.995: 6.26,
        0.99: 7.01,
        0.975: 8.23,
        0.95: 9.39,
        0.9: 10.87,
        0.5: 17.34,
        0.1: 25.99,
        0.05: 28.87,
        0.025: 31.53,
        0.01: 34.81,
        0.005: 37.16
    },
    19: {
        0.995: 6.84,
        0.99: 7.63,
        0.975: 8.91,
        0.95: 10.12,
        0.9: 11.65,
        0.5: 18.34,
        0.1: 27.2,
        0.05: 30.14,
        0.025: 32.85,
        0.01: 36.19,
        0.005: 38.58
    },
    20: {
        0.995: 7.43,
        0.99: 8.26,
        0.975: 9.59,
        0.95: 10.85,
        0.9: 12.44,
        0.5: 19.34,
        0.1: 28.41,
        0.05: 31.41,
        0.025: 34.17,
        0.01: 37.57,
        0.005: 40
    },
    21: {
        0.995: 8.03,
        0.99: 8.9,
        0.975: 10.28,
        0.95: 11.59,
        0.9: 13.24,
        0.5: 20.34,
        0.1: 29.62,
        0.05: 32.67,
        0.025: 35.48,
        0.01: 38.93,
        0.005: 41.4
    },
    22: {
        0.995: 8.64,
        0.99: 9.54,
        0.975: 10.98,
        0.95: 12.34,
        0.9: 14.04,
        0.5: 21.34,
        0.1: 30.81,
        0.05: 33.92,
        0.025: 36.78,
        0.01: 40.29,
        0.005: 42.8
    },
    23: {
        0.995: 9.26,
        0.99: 10.2,
        0.975: 11.69,
        0.95: 13.09,
        0.9: 14.85,
        0.5: 22.34,
        0.1: 32.01,
        0.05: 35.17,
        0.025: 38.08,
        0.01: 41.64,
        0.005: 44.18
    },
    24: {
        0.995: 9.89,
        0.99: 10.86,
        0.975: 12.4,
        0.95: 13.85,
        0.9: 15.66,
        0.5: 23.34,
        0.1: 33.2,
        0.05: 36.42,
        0.025: 39.36,
        0.01: 42.98,
        0.005: 45.56
    },
    25: {
        0.995: 10.52,
        0.99: 11.52,
        0.975: 13.12,
        0.95: 14.61,
        0.9: 16.47,
        0.5: 24.34,
        0.1: 34.38,
        0.05: 37.65,
        0.025: 40.65,
        0.01: 44.31,
        0.005: 46.93
    },
    26: {
        0.995: 11.16,
        0.99: 12.2,
        0.975: 13.84,
        0.95: 15.38,
        0.9: 17.29,
        0.5: 25.34,
        0.1: 35.56,
        0.05: 38.89,
        0.025: 41.92,
        0.01: 45.64,
        0.005: 48.29
    },
    27: {
        0.995: 11.81,
        0.99: 12.88,
        0.975: 14.57,
        0.95: 16.15,
        0.9: 18.11,
        0.5: 26.34,
        0.1: 36.74,
        0.05: 40.11,
        0.025: 43.19,
        0.01: 46.96,
        0.005: 49.65
    },
    28: {
        0.995: 12.46,
        0.99: 13.57,
        0.975: 15.31,
        0.95: 16.93,
        0.9: 18.94,
        0.5: 27.34,
        0.1: 37.92,
        0.05: 41.34,
        0.025: 44.46,
        0.01: 48.28,
        0.005: 50.99
    },
    29: {
        0.995: 13.12,
        0.99: 14.26,
        0.975: 16.05,
        0.95: 17.71,
        0.9: 19.77,
        0.5: 28.34,
        0.1: 39.09,
        0.05: 42.56,
        0.025: 45.72,
        0.01: 49.59,
        0.005: 52.34
    },
    30: {
        0.995: 13.79,
        0.99: 14.95,
        0.975: 16.79,
        0.95: 18.49,
        0.9: 20.6,
        0.5: 29.34,
        0.1: 40.26,
        0.05: 43.77,
        0.025: 46.98,
        0.01: 50.89,
        0.005: 53.67
    },
    40: {
        0.995: 20.71,
        0.99: 22.16,
        0.975: 24.43,
        0.95: 26.51,
        0.9: 29.05,
        0.5: 39.34,
        0.1: 51.81,
        0.05: 55.76,
        0.025: 59.34,
        0.01: 63.69,
        0.005: 66.77
    },
    50: {
        0.995: 27.99,
        0.99: 29.71,
        0.975: 32.36,
        0.95: 34.76,
        0.9: 37.69,
        0.5: 49.33,
        0.1: 63.17,
        0.05: 67.5,
        0.025: 71.42,
        0.01: 76.15,
        0.005: 79.49
    },
    60: {
        0.995: 35.53,
        0.99: 37.48,
        0.975: 40.48,
        0.95: 43.19,
        0.9: 46.46,
        0.5: 59.33,
        0.1: 74.4,
        0.05: 79.08,
        0.025: 83.3,
        0.01: 88.38,
        0.005: 91.95
    },
    70: {
        0.995: 43.28,
        0.99: 45.44,
        0.975: 48.76,
        0.95: 51.74,
        0.9: 55.33,
        0.5: 69.33,
        0.1: 85.53,
        0.05: 90.53,
        0.025: 95.02,
        0.01: 100.42,
        0.005: 104.22
    },
    80: {
        0.995: 51.17,
        0.99: 53.54,
        0.975: 57.15,
        0.95: 60.39,
        0.9: 64.28,
        0.5: 79.33,
        0.1: 96.58,
        0.05: 101.88,
        0.025: 106.63,
        0.01: 112.33,
        0.005: 116.32
    },
    90: {
        0.995: 59.2,
        0.99: 61.75,
        0.975: 65.65,
        0.95: 69.13,
        0.9: 73.29,
        0.5: 89.33,
        0.1: 107.57,
        0.05: 113.14,
        0.025: 118.14,
        0.01: 124.12,
        0.005: 128.3
    },
    100: {
        0.995: 67.33,
        0.99: 70.06,
        0.975: 74.22,
        0.95: 77.93,
        0.9: 82.36,
        0.5: 99.33,
        0.1: 118.5,
        0.05: 124.34,
        0.025: 129.56,
        0.01: 135.81,
        0.005: 140.17
    }
};

/**
 * The [χ2 (Chi-Squared) Goodness-of-Fit Test](http://en.wikipedia.org/wiki/Goodness_of_fit#Pearson.27s_chi-squared_test)
 * uses a measure of goodness of fit which is the sum of differences between observed and expected outcome frequencies
 * (that is, counts of observations), each squared and divided by the number of observations expected given the
 * hypothesized distribution. The resulting χ2 statistic, `chiSquared`, can be compared to the chi-squared distribution
 * to determine the goodness of fit. In order to determine the degrees of freedom of the chi-squared distribution, one
 * takes the total number of observed frequencies and subtracts the number of estimated parameters. The test statistic
 * follows, approximately, a chi-square distribution with (k − c) degrees of freedom where `k` is the number of non-empty
 * cells and `c` is the number of estimated parameters for the distribution.
 *
 * @param {Array<number>} data
 * @param {Function} distributionType a function that returns a point in a distribution:
 * for instance, binomial, bernoulli, or poisson
 * @param {number} significance
 * @returns {number} chi squared goodness of fit
 * @example
 * // Data from Poisson goodness-of-fit example 10-19 in William W. Hines & Douglas C. Montgomery,
 * // "Probability and Statistics in Engineering and Management Science", Wiley (1980).
 * var data1019 = [
 *     0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
 *     0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
 *     1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
 *     2, 2, 2, 2, 2, 2, 2, 2, 2,
 *     3, 3, 3, 3
 * ];
 * ss.chiSquaredGoodnessOfFit(data1019, ss.poissonDistribution, 0.05); //= false
 */
function chiSquaredGoodnessOfFit(data, distributionType, significance) {
    // Estimate from the sample data, a weighted mean.
    var inputMean = mean(data);
    // Calculated value of the χ2 statistic.
    var chiSquared = 0;
    // Number of hypothesized distribution parameters estimated, expected to be supplied in the distribution test.
    // Lose one degree of freedom for estimating `lambda` from the sample data.
    var c = 1;
    // The hypothesized distribution.
    // Generate the hypothesized distribution.
    var hypothesizedDistribution = distributionType(inputMean);
    var observedFrequencies = [];
    var expectedFrequencies = [];

    // Create an array holding a histogram from the sample data, of
    // the form `{ value: numberOfOcurrences }`
    for (var i = 0; i < data.length; i++) {
        if (observedFrequencies[data[i]] === undefined) {
            observedFrequencies[data[i]] = 0;
        }
        observedFrequencies[data[i]]++;
    }

    // The histogram we created might be sparse - there might be gaps
    // between values. So we iterate through the histogram, making
    // sure that instead of undefined, gaps have 0 values.
    for (var i$1 = 0; i$1 < observedFrequencies.length; i$1++) {
        if (observedFrequencies[i$1] === undefined) {
            observedFrequencies[i$1] = 0;
        }
    }

    // Create an array holding a histogram of expected data given the
    // sample size and hypothesized distribution.
    for (var k in hypothesizedDistribution) {
        if (k in observedFrequencies) {
            expectedFrequencies[+k] = hypothesizedDistribution[k] * data.length;
        }
    }

    if (expectedFrequencies.length === 0) {
        throw new Error(
            "chiSquaredGoodnessOfFit requires distributionType to return a distribution for the mean of the data"
        );
    }

    // The hypothesized distribution can stop short of the largest observation,
    // leaving those observations with no expected frequency to be compared
    // against. Fold them into the last class the distribution does cover, the
    // same treatment the collapse below gives to sparse classes, so that the
    // two histograms describe the same classes.
    var lastClass = expectedFrequencies.length - 1;
    for (var k$1 = observedFrequencies.length - 1; k$1 > lastClass; k$1--) {
        observedFrequencies[lastClass] += observedFrequencies[k$1];
        observedFrequencies.pop();
    }

    // Working backward through the expected frequencies, collapse classes
    // if less than three observations are expected for a class.
    // This transformation is applied to the observed frequencies as well.
    // The class that was merged is the one that has to go: popping instead
    // drops the last class, which is only the same thing until a class is
    // large enough to keep. The first class is left alone, since there is no
    // class before it to collapse it into.
    for (var k$2 = expectedFrequencies.length - 1; k$2 >= 1; k$2--) {
        if (expectedFrequencies[k$2] < 3) {
            expectedFrequencies[k$2 - 1] += expectedFrequencies[k$2];
            expectedFrequencies.splice(k$2, 1);

            observedFrequencies[k$2 - 1] += observedFrequencies[k$2];
            observedFrequencies.splice(k$2, 1);
        }
    }

    // Iterate through the squared differences between observed & expected
    // frequencies, accumulating the `chiSquared` statistic.
    for (var k$3 = 0; k$3 < observedFrequencies.length; k$3++) {
        chiSquared +=
            Math.pow(observedFrequencies[k$3] - expectedFrequencies[k$3], 2) /
            expectedFrequencies[k$3];
    }

    if (!Number.isFinite(chiSquared)) {
        throw new Error(
            "chiSquaredGoodnessOfFit could not compute a test statistic for this data and distribution"
        );
    }

    // Calculate degrees of freedom for this test and look it up in the
    // `chiSquaredDistributionTable` in order to
    // accept or reject the goodness-of-fit of the hypothesized distribution.
    // Degrees of freedom, calculated as (number of class intervals -
    // number of hypothesized distribution parameters estimated - 1)
    var degreesOfFreedom = observedFrequencies.length - c - 1;
    if (degreesOfFreedom < 1) {
        throw new Error(
            "chiSquaredGoodnessOfFit requires more data: the classes that survive collapsing leave no degrees of freedom"
        );
    }

    var criticalValues = chiSquaredDistributionTable[degreesOfFreedom];
    if (criticalValues === undefined) {
        throw new Error(
            ("chiSquaredGoodnessOfFit has no critical values tabulated for " + degreesOfFreedom + " degrees of freedom")
        );
    }
    if (criticalValues[significance] === undefined) {
        throw new Error(
            ("chiSquaredGoodnessOfFit has no critical value tabulated for a significance of " + significance)
        );
    }

    return criticalValues[significance] < chiSquared;
}

/**
 * **[Logistic Cumulative Distribution Function](https://en.wikipedia.org/wiki/Logistic_distribution)**
 *
 * @param {number} x
 * @returns {number} cumulative standard logistic probability
 */
function cumulativeStdLogisticProbability(x) {
    return 1 / (Math.exp(-x) + 1);
}

var SQRT_2PI$1 = Math.sqrt(2 * Math.PI);

function cumulativeDistribution(z) {
    var sum = z;
    var tmp = z;

    // The series converges more slowly as z grows: 15 terms fall short of
    // 4-digit precision above z = 2.9. 30 terms converge across the whole
    // domain of the table below, which ends at z = 3.09.
    for (var i = 1; i < 30; i++) {
        tmp *= (z * z) / (2 * i + 1);
        sum += tmp;
    }
    return (
        Math.round((0.5 + (sum / SQRT_2PI$1) * Math.exp((-z * z) / 2)) * 1e4) /
        1e4
    );
}

/**
 * A standard normal table, also called the unit normal table or Z table,
 * is a mathematical table for the values of Φ (phi), which are the values of
 * the [cumulative distribution function](https://en.wikipedia.org/wiki/Normal_distribution#Cumulative_distribution_function)
 * of the normal distribution. It is used to find the probability that a
 * statistic is observed below, above, or between values on the standard
 * normal distribution, and by extension, any normal distribution.
 */
var standardNormalTable = [];

for (var z = 0; z <= 3.09; z += 0.01) {
    standardNormalTable.push(cumulativeDistribution(z));
}

/**
 * **[Cumulative Standard Normal Probability](http://en.wikipedia.org/wiki/Standard_normal_table)**
 *
 * Since probability tables cannot be
 * printed for every normal distribution, as there are an infinite variety
 * of normal distributions, it is common practice to convert a normal to a
 * standard normal and then use the standard normal table to find probabilities.
 *
 * You can use `.5 + .5 * errorFunction(x / Math.sqrt(2))` to calculate the probability
 * instead of looking it up in a table.
 *
 * @param {number} z
 * @returns {number} cumulative standard normal probability
 */
function cumulativeStdNormalProbability(z) {
    // Calculate the position of this value.
    var absZ = Math.abs(z);
    // Each row begins with a different
    // significant digit: 0.5, 0.6, 0.7, and so on. Each value in the table
    // corresponds to a range of 0.01 in the input values, so the value is
    // multiplied by 100.
    var index = Math.min(
        Math.round(absZ * 100),
        standardNormalTable.length - 1
    );

    // The index we calculate must be in the table as a positive value,
    // but we still pay attention to whether the input is positive
    // or negative, and flip the output value as a last step.
    if (z >= 0) {
        return standardNormalTable[index];
    } else {
        // due to floating-point arithmetic, values in the table with
        // 4 significant figures can nevertheless end up as repeating
        // fractions when they're computed here.
        return Math.round((1 - standardNormalTable[index]) * 1e4) / 1e4;
    }
}

/**
 * **[Gaussian error function](http://en.wikipedia.org/wiki/Error_function)**
 *
 * The `errorFunction(x/(sd * Math.sqrt(2)))` is the probability that a value in a
 * normal distribution with standard deviation sd is within x of the mean.
 *
 * This function returns a numerical approximation to the exact value.
 * It uses Horner's method to evaluate the polynomial of τ (tau).
 *
 * @param {number} x input
 * @return {number} error estimation
 * @example
 * errorFunction(1).toFixed(2); // => '0.84'
 */
function errorFunction(x) {
    var t = 1 / (1 + 0.5 * Math.abs(x));
    var tau =
        t *
        Math.exp(
            -x * x +
                ((((((((0.17087277 * t - 0.82215223) * t + 1.48851587) * t -
                    1.13520398) *
                    t +
                    0.27886807) *
                    t -
                    0.18628806) *
                    t +
                    0.09678418) *
                    t +
                    0.37409196) *
                    t +
                    1.00002368) *
                    t -
                1.26551223
        );
    if (x >= 0) {
        return 1 - tau;
    } else {
        return tau - 1;
    }
}

/**
 * A [Factorial](https://en.wikipedia.org/wiki/Factorial), usually written n!, is the product of all positive
 * integers less than or equal to n. Often factorial is implemented
 * recursively, but this iterative approach is significantly faster
 * and simpler.
 *
 * @param {number} n input, must be an integer number 1 or greater
 * @returns {number} factorial: n!
 * @throws {Error} if n is less than 0 or not an integer
 * @example
 * factorial(5); // => 120
 */
function factorial(n) {
    // factorial is mathematically undefined for negative numbers
    if (n < 0) {
        throw new Error("factorial requires a non-negative value");
    }

    if (Math.floor(n) !== n) {
        throw new Error("factorial requires an integer input");
    }

    // typically you'll expand the factorial function going down, like
    // 5! = 5 * 4 * 3 * 2 * 1. This is going in the opposite direction,
    // counting from 2 up to the number in question, and since anything
    // multiplied by 1 is itself, the loop only needs to start at 2.
    var accumulator = 1;
    for (var i = 2; i <= n; i++) {
        // for each number up to and including the number `n`, multiply
        // the accumulator my that number.
        accumulator *= i;
    }
    return accumulator;
}

/**
 * Compute the [gamma function](https://en.wikipedia.org/wiki/Gamma_function) of a value using Nemes' approximation.
 * The gamma of n is equivalent to (n-1)!, but unlike the factorial function, gamma is defined for all real n except zero
 * and negative integers (where NaN is returned). Note, the gamma function is also well-defined for complex numbers,
 * though this implementation currently does not handle complex numbers as input values.
 * Nemes' approximation is defined [here](https://arxiv.org/abs/1003.6020) as Theorem 2.2.
 * Negative values use [Euler's reflection formula](https://en.wikipedia.org/wiki/Gamma_function#Properties) for computation.
 *
 * @param {number} n Any real number except for zero and negative integers.
 * @returns {number} The gamma of the input value.
 *
 * @example
 * gamma(11.5); // 11899423.083964102
 * gamma(-11.5); // 2.2957581048237436e-8
 * gamma(5); // 24
 */
// The Nemes expansion is asymptotic, so it is only accurate for large
// arguments. Below this the recurrence lifts the argument first. At 20
// the worst relative error over (0, 30] is 1.9e-13, against 1.8 for the
// expansion applied directly.
var NEMES_MIN = 20;

function gamma(n) {
    if (Number.isInteger(n)) {
        if (n <= 0) {
            // gamma not defined for zero or negative integers
            return Number.NaN;
        } else {
            // use factorial for integer inputs
            return factorial(n - 1);
        }
    }

    if (n > 0 && n < NEMES_MIN) {
        // The Nemes expansion below divides its terms by powers of
        // `n - 3/4`, so they stop shrinking once the argument is small
        // and the series is worthless there: gamma(1.01) came back as
        // 1.8 times its true value. Arguments in (0, 1) additionally
        // recursed forever through the reflection branch, because the
        // reflected argument stayed in (0, 1) and never reached the
        // expansion at all.
        //
        // Lift into the range where the expansion converges, using the
        // recurrence gamma(n) = gamma(n + 1) / n.
        return gamma(n + 1) / n;
    }

    // Decrement n, because approximation is defined for n - 1
    n--;

    if (n < 0) {
        // Use Euler's reflection formula for negative inputs
        // see:  https://en.wikipedia.org/wiki/Gamma_function#Properties
        return Math.PI / (Math.sin(Math.PI * -n) * gamma(-n));
    } else {
        // Nemes' expansion approximation
        var seriesCoefficient =
            Math.pow(n / Math.E, n) * Math.sqrt(2 * Math.PI * (n + 1 / 6));

        var seriesDenom = n + 1 / 4;

        var seriesExpansion =
            1 +
            1 / 144 / Math.pow(seriesDenom, 2) -
            1 / 12960 / Math.pow(seriesDenom, 3) -
            257 / 207360 / Math.pow(seriesDenom, 4) -
            52 / 2612736 / Math.pow(seriesDenom, 5) +
            5741173 / 9405849600 / Math.pow(seriesDenom, 6) +
            37529 / 18811699200 / Math.pow(seriesDenom, 7);

        return seriesCoefficient * seriesExpansion;
    }
}

/**
 * The Inverse [Gaussian error function](http://en.wikipedia.org/wiki/Error_function)
 * returns a numerical approximation to the value that would have caused
 * `errorFunction()` to return x.
 *
 * @param {number} x value of error function
 * @returns {number} estimated inverted value
 */
function inverseErrorFunction(x) {
    var a = (8 * (Math.PI - 3)) / (3 * Math.PI * (4 - Math.PI));

    var inv = Math.sqrt(
        Math.sqrt(
            Math.pow(2 / (Math.PI * a) + Math.log(1 - x * x) / 2, 2) -
                Math.log(1 - x * x) / a
        ) -
            (2 / (Math.PI * a) + Math.log(1 - x * x) / 2)
    );

    if (x >= 0) {
        return inv;
    } else {
        return -inv;
    }
}

/**
 * Calculate Euclidean distance between two points.
 * @param {Array<number>} left First N-dimensional point.
 * @param {Array<number>} right Second N-dimensional point.
 * @returns {number} Distance.
 */
function euclideanDistance(left, right) {
    var sum = 0;
    for (var i = 0; i < left.length; i++) {
        var diff = left[i] - right[i];
        sum += diff * diff;
    }
    return Math.sqrt(sum);
}

/**
 * @typedef {Object} kMeansReturn
 * @property {Array<number>} labels The labels.
 * @property {Array<Array<number>>} centroids The cluster centroids.
 */

/**
 * Perform k-means clustering.
 *
 * @param {Array<Array<number>>} points N-dimensional coordinates of points to be clustered.
 * @param {number} numCluster How many clusters to create.
 * @param {Function} randomSource An optional entropy source that generates uniform values in [0, 1).
 * @return {kMeansReturn} Labels (same length as data) and centroids (same length as numCluster).
 * @throws {Error} If any centroids wind up friendless (i.e., without associated points).
 *
 * @example
 * kMeansCluster([[0.0, 0.5], [1.0, 0.5]], 2); // => {labels: [0, 1], centroids: [[0.0, 0.5], [1.0, 0.5]]}
 */
function kMeansCluster(points, numCluster, randomSource) {
    if ( randomSource === void 0 ) randomSource = Math.random;

    var oldCentroids = null;
    var newCentroids = sample(points, numCluster, randomSource);
    var labels = null;
    var change = Number.MAX_VALUE;
    while (change !== 0) {
        labels = labelPoints(points, newCentroids);
        oldCentroids = newCentroids;
        newCentroids = calculateCentroids(points, labels, numCluster);
        change = calculateChange(newCentroids, oldCentroids);
    }
    return {
        labels: labels,
        centroids: newCentroids
    };
}

/**
 * Label each point according to which centroid it is closest to.
 *
 * @private
 * @param {Array<Array<number>>} points Array of XY coordinates.
 * @param {Array<Array<number>>} centroids Current centroids.
 * @return {Array<number>} Group labels.
 */
function labelPoints(points, centroids) {
    return points.map(function (p) {
        var minDist = Number.MAX_VALUE;
        var label = -1;
        for (var i = 0; i < centroids.length; i++) {
            var dist = euclideanDistance(p, centroids[i]);
            if (dist < minDist) {
                minDist = dist;
                label = i;
            }
        }
        return label;
    });
}

/**
 * Calculate centroids for points given labels.
 *
 * @private
 * @param {Array<Array<number>>} points Array of XY coordinates.
 * @param {Array<number>} labels Which groups points belong to.
 * @param {number} numCluster Number of clusters being created.
 * @return {Array<Array<number>>} Centroid for each group.
 * @throws {Error} If any centroids wind up friendless (i.e., without associated points).
 */
function calculateCentroids(points, labels, numCluster) {
    // Initialize accumulators.
    var dimension = points[0].length;
    var centroids = makeMatrix(numCluster, dimension);
    var counts = Array(numCluster).fill(0);

    // Add points to centroids' accumulators and count points per centroid.
    var numPoints = points.length;
    for (var i = 0; i < numPoints; i++) {
        var point = points[i];
        var label = labels[i];
        var current = centroids[label];
        for (var j = 0; j < dimension; j++) {
            current[j] += point[j];
        }
        counts[label] += 1;
    }

    // Rescale centroids, checking for any that have no points.
    for (var i$1 = 0; i$1 < numCluster; i$1++) {
        if (counts[i$1] === 0) {
            throw new Error(("Centroid " + i$1 + " has no friends"));
        }
        var centroid = centroids[i$1];
        for (var j$1 = 0; j$1 < dimension; j$1++) {
            centroid[j$1] /= counts[i$1];
        }
    }

    return centroids;
}

/**
 * Calculate the difference between old centroids and new centroids.
 *
 * @private
 * @param {Array<Array<number>>} left One list of centroids.
 * @param {Array<Array<number>>} right Another list of centroids.
 * @return {number} Distance between centroids.
 */
function calculateChange(left, right) {
    var total = 0;
    for (var i = 0; i < left.length; i++) {
        total += euclideanDistance(left[i], right[i]);
    }
    return total;
}

var SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * [Well-known kernels](https://en.wikipedia.org/wiki/Kernel_(statistics)#Kernel_functions_in_common_use)
 * @private
 */
var kernels = {
    /**
     * The gaussian kernel.
     * @private
     */
    gaussian: function (u) {
        return Math.exp(-0.5 * u * u) / SQRT_2PI;
    }
};

/**
 * Well known bandwidth selection methods
 * @private
 */
var bandwidthMethods = {
    /**
     * The ["normal reference distribution"
     * rule-of-thumb](https://stat.ethz.ch/R-manual/R-devel/library/MASS/html/bandwidth.nrd.html),
     * a commonly used version of [Silverman's
     * rule-of-thumb](https://en.wikipedia.org/wiki/Kernel_density_estimation#A_rule-of-thumb_bandwidth_estimator).
     * @private
     */
    nrd: function (x) {
        var s = sampleStandardDeviation(x);
        var iqr = interquartileRange(x);
        if (typeof iqr === "number") {
            s = Math.min(s, iqr / 1.34);
        }
        return 1.06 * s * Math.pow(x.length, -0.2);
    }
};

/**
 * [Kernel density estimation](https://en.wikipedia.org/wiki/Kernel_density_estimation)
 * is a useful tool for, among other things, estimating the shape of the
 * underlying probability distribution from a sample.
 *
 * @name kernelDensityEstimation
 * @param X sample values
 * @param kernel The kernel function to use. If a function is provided, it should return non-negative values and integrate to 1. Defaults to 'gaussian'.
 * @param bandwidthMethod The "bandwidth selection" method to use, or a fixed bandwidth value. Defaults to "nrd", the commonly-used ["normal reference distribution" rule-of-thumb](https://stat.ethz.ch/R-manual/R-devel/library/MASS/html/bandwidth.nrd.html).
 * @returns {Function} An estimated [probability density function](https://en.wikipedia.org/wiki/Probability_density_function) for the given sample. The returned function runs in `O(X.length)`.
 */
function kernelDensityEstimation(X, kernel, bandwidthMethod) {
    var kernelFn;
    if (kernel === undefined) {
        kernelFn = kernels.gaussian;
    } else if (typeof kernel === "string") {
        if (!kernels[kernel]) {
            throw new Error('Unknown kernel "' + kernel + '"');
        }
        kernelFn = kernels[kernel];
    } else {
        kernelFn = kernel;
    }

    var bandwidth;
    if (typeof bandwidthMethod === "undefined") {
        bandwidth = bandwidthMethods.nrd(X);
    } else if (typeof bandwidthMethod === "string") {
        if (!bandwidthMethods[bandwidthMethod]) {
            throw new Error(
                'Unknown bandwidth method "' + bandwidthMethod + '"'
            );
        }
        bandwidth = bandwidthMethods[bandwidthMethod](X);
    } else {
        bandwidth = bandwidthMethod;
    }

    return function (x) {
        var i = 0;
        var sum = 0;
        for (i = 0; i < X.length; i++) {
            sum += kernelFn((x - X[i]) / bandwidth);
        }
        return sum / bandwidth / X.length;
    };
}

/**
 * The [Logit](https://en.wikipedia.org/wiki/Logit)
 * is the inverse of cumulativeStdLogisticProbability,
 * and is also known as the logistic quantile function.
 *
 * @param {number} p
 * @returns {number} logit
 */
function logit(p) {
    if (p <= 0 || p >= 1) {
        throw new Error("p must be strictly between zero and one");
    }
    return Math.log(p / (1 - p));
}

/**
 * **[Normal distribution](https://en.wikipedia.org/wiki/Normal_distribution)**
 *
 * Returns either the probability density or the cumulative probability of a
 * normal distribution with the given mean and standard deviation, evaluated
 * at x. It is the equivalent of the NORM.DIST function found in spreadsheet
 * software.
 *
 * The cumulative form is computed with `errorFunction`, so it is more precise
 * than converting x to a z-score and looking it up in the four-decimal
 * `standardNormalTable` used by `cumulativeStdNormalProbability`.
 *
 * @param {number} x the value for which you want the distribution
 * @param {number} mean the mean of the distribution
 * @param {number} standardDeviation the standard deviation of the distribution
 * @param {boolean} [cumulative=false] if true, return the cumulative
 * distribution function; if false, return the probability density function
 * @returns {number} the probability density at x, or the probability of a
 * value at most x
 * @throws {Error} if standardDeviation is not greater than zero
 * @example
 * normalDistribution(42, 40, 1.5, true).toFixed(4); // => '0.9088'
 * normalDistribution(42, 40, 1.5, false).toFixed(4); // => '0.1093'
 */
function normalDistribution(x, mean, standardDeviation, cumulative) {
    if ( cumulative === void 0 ) cumulative = false;

    if (standardDeviation <= 0) {
        throw new Error(
            "normalDistribution requires a standard deviation greater than zero"
        );
    }

    var standardizedX = (x - mean) / standardDeviation;

    if (cumulative) {
        return 0.5 * (1 + errorFunction(standardizedX / Math.SQRT2));
    }
    return (
        Math.exp(-0.5 * standardizedX * standardizedX) /
        (standardDeviation * Math.sqrt(2 * Math.PI))
    );
}

/**
 * This is a single-layer [Perceptron Classifier](http://en.wikipedia.org/wiki/Perceptron) that takes
 * arrays of numbers and predicts whether they should be classified
 * as either 0 or 1 (negative or positive examples).
 * @class
 * @example
 * // Create the model
 * var p = new PerceptronModel();
 * // Train the model with input with a diagonal boundary.
 * for (var i = 0; i < 5; i++) {
 *     p.train([1, 1], 1);
 *     p.train([0, 1], 0);
 *     p.train([1, 0], 0);
 *     p.train([0, 0], 0);
 * }
 * p.predict([0, 0]); // 0
 * p.predict([0, 1]); // 0
 * p.predict([1, 0]); // 0
 * p.predict([1, 1]); // 1
 */
var PerceptronModel = function PerceptronModel() {
    // The weights, or coefficients of the model;
    // weights are only populated when training with data.
    this.weights = [];
    // The bias term, or intercept; it is also a weight but
    // it's stored separately for convenience as it is always
    // multiplied by one.
    this.bias = 0;
};
/**
 * **Predict**: Use an array of features with the weight array and bias
 * to predict whether an example is labeled 0 or 1.
 *
 * @param {Array<number>} features an array of features as numbers
 * @returns {number|null} 1 if the score is over 0, otherwise 0; null if
 * the model has not been trained on feature arrays of this length
 */
PerceptronModel.prototype.predict = function predict (features) {
    // Only predict if previously trained
    // on the same size feature array(s).
    if (features.length !== this.weights.length) {
        return null;
    }

    // Calculate the sum of features times weights,
    // with the bias added (implicitly times one).
    var score = 0;
    for (var i = 0; i < this.weights.length; i++) {
        score += this.weights[i] * features[i];
    }
    score += this.bias;

    // Classify as 1 if the score is over 0, otherwise 0.
    if (score > 0) {
        return 1;
    } else {
        return 0;
    }
};

/**
 * **Train** the classifier with a new example, which is
 * a numeric array of features and a 0 or 1 label.
 *
 * @param {Array<number>} features an array of features as numbers
 * @param {number} label either 0 or 1
 * @returns {PerceptronModel|null} this, or null if the label is not 0 or 1
 */
PerceptronModel.prototype.train = function train (features, label) {
    // Require that only labels of 0 or 1 are considered.
    if (label !== 0 && label !== 1) {
        return null;
    }
    // The length of the feature array determines
    // the length of the weight array.
    // The perceptron will continue learning as long as
    // it keeps seeing feature arrays of the same length.
    // When it sees a new data shape, it initializes.
    if (features.length !== this.weights.length) {
        this.weights = features.slice();
        this.bias = 1;
    }
    // Make a prediction based on current weights.
    var prediction = this.predict(features);
    // Update the weights if the prediction is wrong.
    if (typeof prediction === "number" && prediction !== label) {
        var gradient = label - prediction;
        for (var i = 0; i < this.weights.length; i++) {
            this.weights[i] += gradient * features[i];
        }
        this.bias += gradient;
    }
    return this;
};

/**
 * Conducts a [permutation test](https://en.wikipedia.org/wiki/Resampling_(statistics)#Permutation_tests)
 * to determine if two data sets are *significantly* different from each other, using
 * the difference of means between the groups as the test statistic.
 * The function allows for the following hypotheses:
 * - two_side = Null hypothesis: the two distributions are equal.
 * - greater = Null hypothesis: observations from sampleX tend to be smaller than those from sampleY.
 * - less = Null hypothesis: observations from sampleX tend to be greater than those from sampleY.
 * [Learn more about one-tail vs two-tail tests.](https://en.wikipedia.org/wiki/One-_and_two-tailed_tests)
 *
 * @param {Array<number>} sampleX first dataset (e.g. treatment data)
 * @param {Array<number>} sampleY second dataset (e.g. control data)
 * @param {'two_side'|'greater'|'less'} [alternative='two_side'] alternative hypothesis
 * @param {number} k number of values in permutation distribution.
 * @param {Function} [randomSource=Math.random] an optional entropy source
 * @returns {number} p-value The probability of observing the difference between groups (as or more extreme than what we did), assuming the null hypothesis.
 *
 * @example
 * var control = [2, 5, 3, 6, 7, 2, 5];
 * var treatment = [20, 5, 13, 12, 7, 2, 2];
 * permutationTest(control, treatment); // ~0.1324
 */
function permutationTest(sampleX, sampleY, alternative, k, randomSource) {
    // Set default arguments
    if (k === undefined) {
        k = 10000;
    }
    if (alternative === undefined) {
        alternative = "two_side";
    }
    if (
        alternative !== "two_side" &&
        alternative !== "greater" &&
        alternative !== "less"
    ) {
        throw new Error(
            "`alternative` must be either 'two_side', 'greater', or 'less'."
        );
    }

    // get means for each sample
    var meanX = mean(sampleX);
    var meanY = mean(sampleY);

    // calculate initial test statistic. This will be our point of comparison with
    // the generated test statistics.
    var testStatistic = meanX - meanY;

    // create test-statistic distribution
    var testStatDsn = new Array(k);

    // combine datsets so we can easily shuffle later
    var allData = sampleX.concat(sampleY);
    // Each permutation reassigns the pooled values into two groups that keep
    // the original sample sizes. Splitting at the midpoint only matches when
    // both samples are the same length; for unequal samples it built the
    // permutation distribution from the wrong group sizes.
    var splitIndex = sampleX.length;

    for (var i = 0; i < k; i++) {
        // 1. shuffle data assignments
        shuffleInPlace(allData, randomSource);
        var permLeft = allData.slice(0, splitIndex);
        var permRight = allData.slice(splitIndex, allData.length);

        // 2.re-calculate test statistic
        var permTestStatistic = mean(permLeft) - mean(permRight);

        // 3. store test statistic to build test statistic distribution
        testStatDsn[i] = permTestStatistic;
    }

    // Calculate p-value depending on alternative
    // For this test, we calculate the percentage of 'extreme' test statistics (subject to our hypothesis)
    // more info on permutation test p-value calculations: https://onlinecourses.science.psu.edu/stat464/node/35
    var numExtremeTStats = 0;
    if (alternative === "two_side") {
        for (var i$1 = 0; i$1 <= k; i$1++) {
            if (Math.abs(testStatDsn[i$1]) >= Math.abs(testStatistic)) {
                numExtremeTStats += 1;
            }
        }
    } else if (alternative === "greater") {
        for (var i$2 = 0; i$2 <= k; i$2++) {
            if (testStatDsn[i$2] >= testStatistic) {
                numExtremeTStats += 1;
            }
        }
    } else {
        // alternative === 'less'
        for (var i$3 = 0; i$3 <= k; i$3++) {
            /* c8 ignore start */
            if (testStatDsn[i$3] <= testStatistic) {
                numExtremeTStats += 1;
            }
            /* c8 ignore end */
        }
    }

    return numExtremeTStats / k;
}

/**
 * The [Poisson Distribution](http://en.wikipedia.org/wiki/Poisson_distribution)
 * is a discrete probability distribution that expresses the probability
 * of a given number of events occurring in a fixed interval of time
 * and/or space if these events occur with a known average rate and
 * independently of the time since the last event.
 *
 * The Poisson Distribution is characterized by the strictly positive
 * mean arrival or occurrence rate, `λ`.
 *
 * Returns `undefined` when the distribution cannot be calculated: when `lambda`
 * is not a strictly positive number, or when it is large enough that the table
 * would run past a million cells.
 *
 * @param {number} lambda location poisson distribution
 * @returns {number[] | undefined} values of poisson distribution at that point
 */
function poissonDistribution(lambda) /*: ?number[] */ {
    // Check that lambda is strictly positive
    if (lambda <= 0) {
        return undefined;
    }

    // The distribution peaks at `lambda`, so past the length of the table
    // there is nothing to tabulate and no reason to start.
    if (lambda >= maxDistributionCells) {
        return undefined;
    }

    // Our current place in the distribution
    var x = 0;
    // And we keep track of the current cumulative probability, in
    // order to know when to stop calculating chances.
    var cumulativeProbability = 0;
    // The calculated cells to be returned
    var cells = [];

    // The only term of the mass function below that does not vary with `x`
    var logLambda = Math.log(lambda);

    // This algorithm iterates through each potential outcome,
    // until the `cumulativeProbability` is very close to 1, at
    // which point we've defined the vast majority of outcomes
    do {
        // a [probability mass function](https://en.wikipedia.org/wiki/Probability_mass_function),
        // taken through its logarithm: `lambda` raised to `x` and the factorial
        // of `x` each leave floating-point range long before their ratio does,
        // so computing them separately loses cells the distribution needs.
        cells[x] = Math.exp(x * logLambda - lambda - gammaln(x + 1));
        cumulativeProbability += cells[x];
        x++;
        // When the `cumulativeProbability` is nearly 1, we've calculated
        // the useful range of this distribution
    } while (cumulativeProbability < 1 - epsilon && x < maxDistributionCells);

    // Stopping for any other reason - a lambda that is not a number, or a
    // distribution too wide for the table - leaves cells that do not add up to
    // a distribution, so report that rather than returning them.
    if (
        Number.isNaN(cumulativeProbability) ||
        cumulativeProbability < 1 - epsilon
    ) {
        return undefined;
    }

    return cells;
}

/**
 * The [Probit](http://en.wikipedia.org/wiki/Probit)
 * is the inverse of cumulativeStdNormalProbability(),
 * and is also known as the normal quantile function.
 *
 * It returns the number of standard deviations from the mean
 * where the p'th quantile of values can be found in a normal distribution.
 * So, for example, probit(0.5 + 0.6827/2) ≈ 1 because 68.27% of values are
 * normally found within 1 standard deviation above or below the mean.
 *
 * @param {number} p
 * @returns {number} probit
 */
function probit(p) {
    if (p === 0) {
        p = epsilon;
    } else if (p >= 1) {
        p = 1 - epsilon;
    }
    return Math.sqrt(2) * inverseErrorFunction(2 * p - 1);
}

/**
 * Calculate the [silhouette values](https://en.wikipedia.org/wiki/Silhouette_(clustering))
 * for clustered data.
 *
 * @param {Array<Array<number>>} points N-dimensional coordinates of points.
 * @param {Array<number>} labels Labels of points. This must be the same length as `points`,
 * and values must lie in [0..G-1], where G is the number of groups.
 * @return {Array<number>} The silhouette value for each point.
 *
 * @example
 * silhouette([[0.25], [0.75]], [0, 0]); // => [1.0, 1.0]
 */
function silhouette(points, labels) {
    if (points.length !== labels.length) {
        throw new Error("must have exactly as many labels as points");
    }
    var groupings = createGroups(labels);
    var distances = calculateAllDistances(points);
    var result = [];
    for (var i = 0; i < points.length; i++) {
        var s = 0;
        if (groupings[labels[i]].length > 1) {
            var a = meanDistanceFromPointToGroup(
                i,
                groupings[labels[i]],
                distances
            );
            var b = meanDistanceToNearestGroup(
                i,
                labels,
                groupings,
                distances
            );
            s = (b - a) / Math.max(a, b);
        }
        result.push(s);
    }
    return result;
}

/**
 * Create a lookup table mapping group IDs to point IDs.
 *
 * @private
 * @param {Array<number>} labels Labels of points. This must be the same length as `points`,
 * and values must lie in [0..G-1], where G is the number of groups.
 * @return {Array<Array<number>>} An array of length G, each of whose entries is an array
 * containing the indices of the points in that group.
 */
function createGroups(labels) {
    var numGroups = 1 + max(labels);
    var result = Array(numGroups);
    for (var i = 0; i < labels.length; i++) {
        var label = labels[i];
        if (result[label] === undefined) {
            result[label] = [];
        }
        result[label].push(i);
    }
    return result;
}

/**
 * Create a lookup table of all inter-point distances.
 *
 * @private
 * @param {Array<Array<number>>} points N-dimensional coordinates of points.
 * @return {Array<Array<number>>} A symmetric square array of inter-point distances
 * (zero on the diagonal).
 */
function calculateAllDistances(points) {
    var numPoints = points.length;
    var result = makeMatrix(numPoints, numPoints);
    for (var i = 0; i < numPoints; i++) {
        for (var j = 0; j < i; j++) {
            result[i][j] = euclideanDistance(points[i], points[j]);
            result[j][i] = result[i][j];
        }
    }
    return result;
}

/**
 * Calculate the mean distance between this point and all the points in the
 * nearest group (as determined by which point in another group is closest).
 *
 * @private
 * @param {number} which The index of this point.
 * @param {Array<number>} labels Labels of points.
 * @param {Array<Array<number>>} groupings An array whose entries are arrays
 * containing the indices of the points in that group.
 * @param {Array<Array<number>>} distances A symmetric square array of inter-point
 * distances.
 * @return {number} The mean distance from this point to others in the nearest
 * group.
 */
function meanDistanceToNearestGroup(which, labels, groupings, distances) {
    var label = labels[which];
    var result = Number.MAX_VALUE;
    for (var i = 0; i < groupings.length; i++) {
        if (i !== label) {
            var d = meanDistanceFromPointToGroup(
                which,
                groupings[i],
                distances
            );
            if (d < result) {
                result = d;
            }
        }
    }
    return result;
}

/**
 * Calculate the mean distance from a point to the other members of a group,
 * which may be the point's own group.
 *
 * @private
 * @param {number} which The index of this point.
 * @param {Array<number>} group The indices of all the points in the group in
 * question.
 * @param {Array<Array<number>>} distances A symmetric square array of inter-point
 * distances.
 * @return {number} The mean distance from this point to others in the
 * specified group.
 */
function meanDistanceFromPointToGroup(which, group, distances) {
    var total = 0;
    var count = 0;
    for (var i = 0; i < group.length; i++) {
        if (group[i] === which) {
            continue;
        }
        total += distances[which][group[i]];
        count++;
    }
    return total / count;
}

/**
 * Calculate the [silhouette metric](https://en.wikipedia.org/wiki/Silhouette_(clustering))
 * for a set of N-dimensional points arranged in groups. The metric is the largest
 * individual silhouette value for the data.
 *
 * @param {Array<Array<number>>} points N-dimensional coordinates of points.
 * @param {Array<number>} labels Labels of points. This must be the same length as `points`,
 * and values must lie in [0..G-1], where G is the number of groups.
 * @return {number} The silhouette metric for the groupings.
 *
 * @example
 * silhouetteMetric([[0.25], [0.75]], [0, 0]); // => 1.0
 */
function silhouetteMetric(points, labels) {
    var values = silhouette(points, labels);
    return max(values);
}

/**
 * The [Z-Score, or Standard Score](http://en.wikipedia.org/wiki/Standard_score).
 *
 * The standard score is the number of standard deviations an observation
 * or datum is above or below the mean. Thus, a positive standard score
 * represents a datum above the mean, while a negative standard score
 * represents a datum below the mean. It is a dimensionless quantity
 * obtained by subtracting the population mean from an individual raw
 * score and then dividing the difference by the population standard
 * deviation.
 *
 * The z-score is only defined if one knows the population parameters;
 * if one only has a sample set, then the analogous computation with
 * sample mean and sample standard deviation yields the
 * Student's t-statistic.
 *
 * @param {number} x
 * @param {number} mean
 * @param {number} standardDeviation
 * @return {number} z score
 * @example
 * zScore(78, 80, 5); // => -0.4
 */
function zScore(x, mean, standardDeviation) {
    return (x - mean) / standardDeviation;
}


//# sourceMappingURL=simple-statistics.mjs.map


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
/******/ /* webpack/runtime/publicPath */
/******/ (() => {
/******/ 	var scriptUrl;
/******/ 	if (typeof import.meta.url === "string") scriptUrl = import.meta.url
/******/ 	// When supporting browsers where an automatic publicPath is not supported you must specify an output.publicPath manually via configuration
/******/ 	// or pass an empty string ("") and set the __webpack_public_path__ variable from your code to use your own logic.
/******/ 	if (!scriptUrl) throw new Error("Automatic publicPath is not supported in this browser");
/******/ 	scriptUrl = scriptUrl.replace(/#.*$/, "").replace(/\?.*$/, "").replace(/\/[^\/]+$/, "/");
/******/ 	__nccwpck_require__.p = scriptUrl;
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	__nccwpck_require__.b = new URL("./", import.meta.url);
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
/******/ var __webpack_exports__ = __nccwpck_require__(6708);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
