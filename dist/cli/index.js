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

/***/ 6708:
/***/ ((__webpack_module__, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2200);
/** The `distributed-locust` command (dist/cli/index.js). */

process.exitCode = await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .R)(process.argv);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 2200:
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

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
;// CONCATENATED MODULE: ./build/src/baseline/model.js
/** Raised when a baseline exists but cannot be used (not results.json, no figures). */
class BaselineError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BaselineError';
    }
}

;// CONCATENATED MODULE: ./build/src/results/model.js
/** The typed model of one Locust run's CSV output (Locust 2.12 up to current 2.x). */
/** How rules, tables and the baseline name an endpoint: "GET /items", or the bare name. */
function endpointLabel(endpoint) {
    return endpoint.method === '' ? endpoint.name : `${endpoint.method} ${endpoint.name}`;
}

;// CONCATENATED MODULE: ./build/src/baseline/parse.js
/**
 * Reads a baseline from the text of a previous run's results.json. Pure: the caller reads the
 * file, the S3 object or the artifact.
 */


/** The results.json schema versions this code reads. */
const READABLE_SCHEMA_VERSIONS = [1];
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
    const label = endpointLabel({ method: json.method, name: json.name });
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
        percentiles
    };
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
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
/** The baseline at `path`, or why there is none: an unusable baseline never stops the judging. */
async function lookUpBaselineFile(path) {
    try {
        const baseline = await readBaselineFile(path);
        return baseline ? { baseline } : { note: `No baseline at ${path}: baseline rules are skipped.` };
    }
    catch (error) {
        if (!(error instanceof BaselineError))
            throw error;
        return { note: `${error.message} Baseline rules are skipped.`, unusable: true };
    }
}

;// CONCATENATED MODULE: ./build/src/backend/aws/settings.js
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
        assignPublicIp
    };
}

;// CONCATENATED MODULE: ./build/src/backend/aws/module.js

/**
 * Fargate tasks started by the stack's state machine. The AWS SDK is loaded only when this backend
 * is chosen.
 */
const awsBackend = {
    kind: 'aws',
    label: 'AWS (Fargate, Step Functions)',
    shipsWorkingDirectory: true,
    runsLocustfile: true,
    parseSettings: parseAwsSettings,
    async prepare(config, hooks) {
        return (await Promise.all(/* import() */[__nccwpck_require__.e(805), __nccwpck_require__.e(408), __nccwpck_require__.e(476), __nccwpck_require__.e(227)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8227))).prepareAwsRun(config, {}, hooks.warn ?? hooks.log);
    },
    async run(prepared, hooks) {
        return (await Promise.all(/* import() */[__nccwpck_require__.e(805), __nccwpck_require__.e(408), __nccwpck_require__.e(476), __nccwpck_require__.e(227)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8227))).runAws(prepared, hooks);
    },
    async cleanup(handles, log) {
        const { stopRun } = await Promise.all(/* import() */[__nccwpck_require__.e(805), __nccwpck_require__.e(408), __nccwpck_require__.e(476), __nccwpck_require__.e(760)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2760));
        for (const handle of handles)
            await stopRun(handle, log);
    }
};

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
;// CONCATENATED MODULE: external "node:timers/promises"
const external_node_timers_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
// EXTERNAL MODULE: ./build/src/run/host.js
var run_host = __nccwpck_require__(7585);
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

;// CONCATENATED MODULE: ./build/src/backend/local/command.js
/** Locust command lines for one master and its workers on this machine (pure). */


const LOOPBACK = '127.0.0.1';
/** Whether a locustfile defines a LoadTestShape subclass. */
function definesLoadShape(source) {
    return /^\s*class\s+\w+\s*\([^)]*\bLoadTestShape\b[^)]*\)\s*:/m.test(source);
}
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
        ...(plan.loadShape
            ? []
            : [
                '-u',
                String(config.users),
                '-r',
                String(config.spawnRate),
                '-t',
                `${config.runTimeSeconds}s`
            ]),
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

;// CONCATENATED MODULE: ./build/src/backend/local/history.js
/**
 * The latest live figures from the end of `<prefix>_stats_history.csv` while Locust writes it
 * (pure). Only the Aggregated row is read, and that row never holds quoted text, so splitting on
 * commas is exact for it; other rows are skipped.
 */
const COLUMNS = {
    timestamp: 'Timestamp',
    type: 'Type',
    name: 'Name',
    users: 'User Count',
    totalRequests: 'Total Request Count',
    totalFailures: 'Total Failure Count'
};
/**
 * Locust's own "Requests/s" column stays 0 on a 2.12 master, and workers report only every 3 s,
 * so the rate is measured from the totals over a window a little wider than that.
 *
 * @param header the file's first line
 * @param tail the last part of the file, which may start in the middle of a line
 */
function latestAggregatedSample(header, tail, windowSeconds = 6) {
    const headers = header.trim().split(',');
    const index = Object.fromEntries(Object.entries(COLUMNS).map(([key, column]) => [key, headers.indexOf(column)]));
    if (Object.values(index).some((position) => position === -1))
        return undefined;
    const lines = tail.split('\n');
    // The last line may be half written; a complete row always ends with a newline.
    lines.pop();
    let latest;
    let earliest;
    for (let i = lines.length - 1; i >= 0; i--) {
        const fields = lines[i].trimEnd().split(',');
        if (fields[index.name] !== 'Aggregated' || fields[index.type] !== '')
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
const WORKER_JOINED = /Worker \S+ \(index \d+\) reported as ready/;
const WORKER_MISSING = /Worker \S+ failed to send heartbeat, setting state to missing/;
const TEST_STARTED = /Run time limit set|Sending spawn jobs|Shape test starting/;
const TEST_ENDED = /run-time limit reached|Shape test stopping|Got SIGTERM|last worker quit|Shutting down/;
const LOG_TIME = /^\[(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d),(\d{3})\]/;
const PORT_BUSY = /master port \([^)]*\) was busy|Address already in use/;
const TRACEBACK_START = 'Traceback (most recent call last):';
const ERROR_LEVEL = /^\[[^\]]+\] [^/\s]+\/(ERROR|CRITICAL)\/[\w.]*: /;
const MAX_QUOTED_LINES = 10;
/** First lines of the stats tables Locust prints; a table ends at a blank line. */
const STATS_TABLE_HEADING = /^(Type\s+Name|Response time percentiles|Error report)/;
/** Follows the master's log as it grows: how many workers are connected, and what went wrong. */
class MasterLogWatcher {
    workersConnected = 0;
    /** Workers that reported as ready, and that stopped sending heartbeats (lost mid-run). */
    workersJoined = 0;
    workersMissing = 0;
    gaveUpWaitingForWorkers = false;
    portBusy = false;
    /** When the master began the test proper (its workers ready) and ended it, in ms since the epoch. */
    testStartedAt;
    testEndedAt;
    partialLine = '';
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
        if (WORKER_JOINED.test(line))
            this.workersJoined++;
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
/** Lines Locust printed outside its logger and its stats tables (e.g. a bare sys.stderr message). */
function strayLines(text) {
    const stray = [];
    let inTable = false;
    for (const line of text.split('\n').map((entry) => entry.trimEnd())) {
        if (line === '')
            inTable = false;
        else if (STATS_TABLE_HEADING.test(line))
            inTable = true;
        else if (!inTable && !LOG_TIME.test(line))
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
            return explain(cannotLoad, masterLines, master.name);
        }
        // A worker imports the locustfile too, and on a busy machine it may fail before the master
        // has logged the same traceback.
        const failedWorker = evidence.workersLost.find((worker) => pythonErrorExcerpt(worker.text).length > 0);
        if (failedWorker) {
            return explain(cannotLoad, pythonErrorExcerpt(failedWorker.text), failedWorker.name);
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
    if (masterExit.code === null || masterExit.code > 1) {
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

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: ./build/src/errors.js
var errors = __nccwpck_require__(7406);
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
 * Runs Locust's own `main()`, after making its CSV writer flush every second and at exit. Locust
 * (2.12 at least) flushes `_stats_history.csv` every 10 s only and drops the unflushed rows when it
 * exits, which leaves short runs without any history and hides live progress.
 */
const LOCUST_BOOTSTRAP = `
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
sys.argv[0] = "locust"
sys.exit(main())
`;
const INSTALL_HINT = 'Install it with `pip install locust` (or `apt-get install python3-locust` on Debian/Ubuntu), ' +
    'or give a `locust-version` so that it is installed with pip before the run.';
const PIP_TIMEOUT_MS = 10 * 60_000;
function runCommand(command, args, env, timeoutMs, signal) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)(command, args, { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, signal }, (error, stdout, stderr) => {
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
async function probe(locust, env) {
    const result = await runCommand(locust.command, [...locust.prefixArgs, '--version'], env, 60_000);
    if (!result.started || result.exitCode !== 0)
        return undefined;
    return { command: locust, version: parseLocustVersion(result.output) };
}
/**
 * The Locust to run. One on PATH is used as it is (with a warning when it is not the version asked
 * for); otherwise the version asked for, or on a runner the default, is installed with pip.
 */
async function ensureLocust(options) {
    const candidate = options.locust ?? locustOnPath(options.env);
    const installed = candidate && (await probe(candidate, options.env));
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
        if (fromCache) {
            options.log(`Locust ${version} (${why}) runs from the tool cache: ${cached}`);
            return { ...fromCache, note: `from the runner's tool cache, ${why}` };
        }
        options.warn(`The cached Locust in ${cached} does not run; installing it again.`);
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
        throw new LocustSetupError(`Installing locust==${version} with pip into ${venv} failed:\n${lastLines(pip.output)}` +
            '\nCheck that this Locust version exists and that PyPI can be reached, or install Locust before this step.');
    }
    const afterInstall = await probe(locust, options.env);
    if (!afterInstall) {
        throw new LocustSetupError(`pip installed locust==${version} into ${venv}, but its Python still cannot run it. ${INSTALL_HINT}`);
    }
    return afterInstall;
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
            if (config.host !== undefined && settings.checkHost) {
                const wait = config.backend.waitForHostSeconds;
                const reason = await waitForHost(config.host, {
                    waitSeconds: wait,
                    attemptTimeoutMs: HOST_CHECK_TIMEOUT_MS,
                    retryMs: HOST_RETRY_MS,
                    log,
                    signal: hooks.signal
                });
                if (reason !== undefined && !hooks.signal?.aborted) {
                    return stopped(wait === 0
                        ? `Locust could not run: the host ${(0,run_host/* redactHost */.S7)(config.host)} is unreachable (${reason}). Check the \`host\` input and that the service is up, or set \`wait-for-host\` to give it time to start.`
                        : `Locust could not run: the host ${(0,run_host/* redactHost */.S7)(config.host)} is unreachable (${reason}) after ${wait} s of retrying (\`wait-for-host\`). Check the \`host\` input and that the service is up, or raise \`wait-for-host\` if it starts slowly.`);
                }
            }
            if (hooks.signal?.aborted)
                return stopped('The run was cancelled before Locust started.');
            const loadShape = definesLoadShape(await (0,promises_.readFile)(config.locustfile, 'utf8'));
            if (loadShape)
                log('The locustfile defines a LoadTestShape: it sets users and spawn rate; run time still applies');
            for (let attempt = 1;; attempt++) {
                const run = new LocalRun(config, hooks, settings, locust.command, loadShape, facts);
                const outcome = await run.execute();
                if (!run.portWasBusy || attempt === PORT_ATTEMPTS)
                    return outcome;
                log('The master port was taken by another program meanwhile; retrying on another free port.');
            }
        }
    };
}
/** One attempt at a run: start everything, watch it, stop everything. */
class LocalRun {
    config;
    hooks;
    settings;
    locust;
    loadShape;
    facts;
    master;
    workers = [];
    watcher = new MasterLogWatcher();
    masterLogPath;
    masterLogOffset = 0;
    startedAt = Date.now();
    allConnectedAt;
    testStartAnnounced = false;
    workersAnnounced = 0;
    masterPortWasBusy = false;
    constructor(config, hooks, settings, locust, loadShape, facts) {
        this.config = config;
        this.hooks = hooks;
        this.settings = settings;
        this.locust = locust;
        this.loadShape = loadShape;
        this.facts = facts;
        this.masterLogPath = (0,external_node_path_.join)(config.resultsDir, 'master.log');
    }
    log(line) {
        this.hooks.log?.(line);
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
        const port = await freePort();
        const spawnOptions = {
            cwd: config.workingDirectory,
            env: locustEnvironment(this.settings.env, config.backend.passEnv)
        };
        this.startedAt = Date.now();
        this.facts.startedAt = new Date(this.startedAt).toISOString();
        this.master = await startProcessGroup(locust.command, [
            ...locust.prefixArgs,
            ...masterArgs(config, {
                port,
                workerWaitSeconds: this.settings.workerWaitSeconds,
                loadShape: this.loadShape
            })
        ], { ...spawnOptions, logPath: this.masterLogPath });
        this.hooks.onStarted?.(this.master.handle);
        for (let i = 1; i <= config.workers; i++) {
            const worker = await startProcessGroup(locust.command, [...locust.prefixArgs, ...workerArgs(config, port)], {
                ...spawnOptions,
                logPath: (0,external_node_path_.join)(config.resultsDir, `worker-${i}.log`)
            });
            this.workers.push(worker);
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
                : `The test started; it runs for ${this.config.runTime}`);
        }
    }
    async reportProgress() {
        const { testStartedAt } = this.watcher;
        const progress = {
            elapsedSeconds: testStartedAt === undefined
                ? 0
                : Math.max(0, Math.round((Date.now() - testStartedAt) / 1000)),
            totalSeconds: this.config.runTimeSeconds
        };
        if (this.allConnectedAt === undefined) {
            progress.message = `waiting for workers: ${this.watcher.workersConnected} of ${this.config.workers} connected`;
        }
        else {
            const sample = await readLatestSample((0,external_node_path_.join)(this.config.resultsDir, `${CSV_PREFIX}_stats_history.csv`));
            if (sample) {
                progress.users = sample.users;
                progress.rps = sample.rps;
                progress.failRatio =
                    sample.totalRequests > 0 ? sample.totalFailures / sample.totalRequests : 0;
            }
        }
        this.hooks.onProgress?.(progress);
    }
    async conclude(ending) {
        const { config, facts } = this;
        // Workers quit on their own when the master ends the test: only failures before that count.
        const testStarted = this.allConnectedAt !== undefined;
        const earlyWorkerExits = this.workers.flatMap((worker, index) => {
            const exit = worker.exited();
            return exit && (!testStarted || exit.code !== 0) ? [{ index, exit }] : [];
        });
        const endedAt = Date.now();
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
            locustfile: config.locustfile
        });
        if (testStarted && masterExit.code !== null)
            outcome.locustExitCode = masterExit.code;
        outcome.partial = testStarted && outcome.error !== undefined;
        // Locust exits 1 whenever any request failed: normal for a completed test, so say so.
        const meaning = outcome.error === undefined && masterExit.code === 1
            ? ' (its usual code when some requests failed; the thresholds decide)'
            : '';
        this.log(`The Locust master ${describeExit(masterExit)}${meaning}`);
        return outcome;
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
    const waitForHostSeconds = reader.integer('wait-for-host', 0, 3600);
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
    Slot[Slot["Count"] = 12] = "Count";
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
        if (users > 0)
            this.lastActiveUsers = users;
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
            finalUsers: this.lastActiveUsers
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
    buckets[into + Slot.P99Max] = maxIgnoringNaN(buckets[into + Slot.P99Max], buckets[from + Slot.P99Max]);
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

;// CONCATENATED MODULE: ./build/src/results/failures.js

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

;// CONCATENATED MODULE: ./build/src/results/history.js




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
        return {
            points: this.downsampler.points(),
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
        if (aggregate)
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

;// CONCATENATED MODULE: ./build/src/results/read.js
/** Reads a folder of Locust CSV output into the typed model, streaming every file. */










const STATS_SUFFIX = '_stats.csv';
/**
 * The same table as the web UI's "Download request statistics" saves it (and Locust before 0.14
 * wrote it, in a format refused by name): read when a folder has no _stats.csv.
 */
const REQUESTS_SUFFIX = '_requests.csv';
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
    const missingFiles = [historyFile, failuresFile, exceptionsFile].filter((f) => !present.has(f));
    const readIfPresent = async (file, parser, absent) => present.has(file) ? readRecords((0,external_node_path_.join)(dir, file), file, parser) : absent;
    const stats = await readRecords((0,external_node_path_.join)(dir, statsFile), statsFile, new StatsParser(statsFile));
    const history = present.has(historyFile)
        ? await readHistory((0,external_node_path_.join)(dir, historyFile), historyFile, options.maxHistoryPoints)
        : { points: [], rowsRead: 0, span: null };
    return {
        endpoints: stats.endpoints,
        aggregate: stats.aggregate,
        history: history.points,
        historyRowsRead: history.rowsRead,
        historySpan: history.span,
        failures: await readIfPresent(failuresFile, new FailuresParser(failuresFile), []),
        exceptions: await readIfPresent(exceptionsFile, new ExceptionsParser(exceptionsFile), []),
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
/** What the CSVs tell of a run made elsewhere: its peak users and measured duration. */
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
        ...(duration === undefined ? {} : { durationSeconds: duration })
    };
}

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

// EXTERNAL MODULE: ./node_modules/fastest-levenshtein/mod.js
var mod = __nccwpck_require__(1916);
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

;// CONCATENATED MODULE: ./build/src/thresholds/metrics.js
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

;// CONCATENATED MODULE: ./build/src/thresholds/format.js
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
function format_formatMetricValue(metric, value) {
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
/**
 * The rule in a normalised form: "p95 < 500 ms", "GET /api/items: fail_ratio < 1%",
 * "p95 < baseline × 1.1".
 */
function format_describeRule(rule) {
    const comparison = `${metricName(rule.metric)} ${rule.operator} ${describeBound(rule)}`;
    return rule.selector === undefined ? comparison : `${rule.selector}: ${comparison}`;
}
/** The right-hand side of a rule: "500 ms", "baseline × 1.1", "baseline + 50 ms", "baseline". */
function describeBound(rule) {
    if (rule.baseline === undefined)
        return format_formatMetricValue(rule.metric, rule.limit ?? null);
    const { factor, offset } = rule.baseline;
    const parts = ['baseline'];
    if (factor !== 1)
        parts.push(`× ${factor}`);
    if (offset !== 0)
        parts.push(`${offset < 0 ? '−' : '+'} ${format_formatMetricValue(rule.metric, Math.abs(offset))}`);
    return parts.join(' ');
}

;// CONCATENATED MODULE: ./build/src/thresholds/evaluate.js
/** Evaluates threshold rules against one run's Locust results. Pure: no I/O. */





/** How many endpoint names a "never ran" reason lists, closest to the selector first. */
const NAMES_SEEN_SHOWN = 5;
/** Two quantiles closer than this are the same column (99.9 written two ways). */
const QUANTILE_TOLERANCE = 1e-9;
/**
 * Judges every rule, plus the default failure guard when none of them checks failures (see
 * defaults.ts). Baseline rules ("p95 < baseline * 1.1") need `baseline`; without it, or
 * when the baseline lacks what a rule measures, they are skipped: not a failure of the gate.
 */
function evaluateThresholds(rules, results, baseline) {
    const ruleResults = withDefaultGuard(rules, baseline !== undefined).map((rule) => evaluateRule(rule, results, baseline));
    // A rule that could not be measured keeps the gate shut as a failed one does; a skipped one not.
    const passed = ruleResults.every((result) => result.verdict === 'pass' || result.verdict === 'skipped');
    return { passed, results: ruleResults };
}
function evaluateRule(rule, results, baseline) {
    if (!results) {
        return notEvaluated(rule, 'no results to measure: Locust wrote no readable output');
    }
    const targets = rule.selector === undefined
        ? [{ label: 'the whole test', stats: results.aggregate }]
        : selectEndpoints(rule.selector, results.endpoints);
    if (rule.selector !== undefined && targets.length === 0) {
        return notEvaluated(rule, neverRanReason(rule.selector, results.endpoints));
    }
    const bound = bindLimits(rule, targets, baseline);
    return Array.isArray(bound) ? judge(rule, bound) : bound;
}
/** Each target with its limit; a skipped result when a baseline rule has nothing to compare. */
function bindLimits(rule, targets, baseline) {
    if (rule.baseline === undefined) {
        return targets.map((target) => ({ ...target, limit: rule.limit ?? Number.NaN }));
    }
    if (!baseline)
        return skipped(rule, 'no baseline');
    const { factor, offset } = rule.baseline;
    const bound = [];
    for (const target of targets) {
        const baselineStats = rule.selector === undefined
            ? baseline.aggregate
            : baseline.endpoints.find((stats) => endpointLabel(stats) === target.label);
        if (!baselineStats) {
            return skipped(rule, `no baseline for ${target.label}: it did not run in the baseline`);
        }
        const measured = measure(rule.metric, { label: target.label, stats: baselineStats });
        if (measured.value === null)
            return skipped(rule, `no baseline value: ${measured.reason}`);
        bound.push({
            ...target,
            limit: measured.value * factor + offset,
            baselineValue: measured.value
        });
    }
    return bound;
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
            return notEvaluated(rule, measurement.reason);
        const value = measurement.value;
        measured.push({ target, value, margin: margin(rule.operator, value, target.limit) });
    }
    const worst = measured.reduce((a, b) => (b.margin < a.margin ? b : a));
    const verdict = holds(rule.operator, worst.margin) ? 'pass' : 'fail';
    const result = {
        rule,
        actual: worst.value,
        limit: worst.target.limit,
        ...(worst.target.baselineValue === undefined
            ? {}
            : { baselineValue: worst.target.baselineValue }),
        verdict
    };
    if (verdict === 'pass' || targets.length === 1)
        return result;
    const reason = `${worst.target.label} breaks it with ${format_formatMetricValue(rule.metric, worst.value)}; a rule on ` +
        `"${rule.selector}" applies to each of ${targets.map((target) => target.label).join(', ')}`;
    return { ...result, reason };
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
/** A metric's value for one endpoint (or the aggregate) as rules see it; null when not measured. */
function metricValue(metric, stats) {
    return measure(metric, { label: '', stats }).value;
}

;// CONCATENATED MODULE: ./build/src/baseline/compare.js
/** Compares a run with its baseline: the deltas behind the comparison table. Pure. */



/** Relative changes smaller than this are noise between two runs, shown as "same". */
const NOISE_RATIO = 0.02;
/** The figures compared, in the order shown for one endpoint. */
const COMPARED_METRICS = [
    { kind: 'percentile', quantile: 95 },
    { kind: 'percentile', quantile: 99 },
    { kind: 'median' },
    { kind: 'avg' },
    { kind: 'rps' },
    { kind: 'fail_ratio' }
];
const AGGREGATE_LABEL = 'Aggregated';
function compareWithBaseline(results, baseline) {
    const baselineByLabel = new Map(baseline.endpoints.map((stats) => [endpointLabel(stats), stats]));
    const currentLabels = new Set(results.endpoints.map(endpointLabel));
    const pairs = [
        [AGGREGATE_LABEL, results.aggregate, baseline.aggregate]
    ];
    const newEndpoints = [];
    for (const stats of results.endpoints) {
        const label = endpointLabel(stats);
        const before = baselineByLabel.get(label);
        if (before)
            pairs.push([label, stats, before]);
        else
            newEndpoints.push(label);
    }
    const rows = pairs.flatMap(([label, now, before], pairIndex) => COMPARED_METRICS.map((metric, metricIndex) => ({
        row: compareFigure(label, metric, metricValue(metric, before), metricValue(metric, now)),
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
    return comparison.rows.find((row) => row.label === AGGREGATE_LABEL && sameMetric(row.metric, metric));
}
function compareFigure(label, metric, baseline, current) {
    if (baseline === null || current === null) {
        return { label, metric, baseline, current, delta: null, deltaRatio: null, change: 'unknown' };
    }
    const delta = current - baseline;
    const deltaRatio = baseline === 0 ? null : delta / baseline;
    return {
        label,
        metric,
        baseline,
        current,
        delta,
        deltaRatio,
        change: classify(metric, delta, deltaRatio)
    };
}
function classify(metric, delta, deltaRatio) {
    if (delta === 0 || (deltaRatio !== null && Math.abs(deltaRatio) < NOISE_RATIO))
        return 'same';
    const higherIsWorse = metricFamily(metric) !== 'rate';
    return delta > 0 === higherIsWorse ? 'worse' : 'better';
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
/** Locust workers report their counts every 3 s: shorter chart intervals would show the lumps. */
const WORKER_REPORT_SECONDS = 3;
/** Samples further apart than this many typical spacings leave a gap, said under the charts. */
const GAP_FACTOR = 3;
/**
 * The charts' series from the stats history. Requests and failures per second come from the
 * cumulative totals (Locust's own Requests/s is a rolling average that lags: it showed 0 during a
 * peak and traffic after the users had gone). The totals are joined linearly between samples, so
 * an interval inside a gap gets the average over the gap, never a made-up 0. Within an interval
 * users, p95 and p99 keep their maximum, p50 its mean; an interval without samples takes its
 * neighbours' values. Null when fewer than two samples exist.
 */
function chartSeries(history, first, maxPoints) {
    const points = [...history].sort((a, b) => a.timestamp - b.timestamp);
    const start = first?.timestamp ?? points[0]?.timestamp;
    if (points.length < 2 || start === undefined)
        return null;
    const span = points[points.length - 1].timestamp - start;
    if (!(span > 0))
        return null;
    const minWidth = span >= 2 * WORKER_REPORT_SECONDS ? WORKER_REPORT_SECONDS : 1;
    const intervals = Math.max(1, Math.min(maxPoints, Math.floor(span / minWidth)));
    const width = span / intervals;
    const ends = Array.from({ length: intervals }, (_, k) => k === intervals - 1 ? span : (k + 1) * width);
    // Cumulative totals against elapsed time, starting from the first sample ever read.
    const base = first ?? points[0];
    const times = [0, ...points.map((p) => p.timestamp - start)];
    const cumulative = (pick) => {
        const values = [pick(base), ...points.map(pick)];
        return (t) => interpolate(times, values, t);
    };
    const requests = cumulative((p) => p.totalRequests);
    const failures = cumulative((p) => p.totalFailures);
    const starts = [0, ...ends.slice(0, -1)];
    const perSecond = (total) => ends.map((end, k) => Math.max(0, (total(end) - total(starts[k])) / (end - starts[k])));
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
        toSeconds: span,
        users: perInterval((p) => p.users, max) ?? [],
        requestsPerSecond: perSecond(requests),
        failuresPerSecond: perSecond(failures),
        p50: perInterval((p) => p.p50Ms, mean),
        p95: perInterval((p) => p.p95Ms, max),
        p99: perInterval((p) => p.p99Ms, max),
        gaps: findGaps(times.slice(1), width)
    };
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
    return format_formatMetricValue(FAMILY_METRICS[family], known);
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
        return `${rule.operator} ${describeBound(rule)}`;
    return `${rule.operator} ${format_formatMetricValue(rule.metric, limit)} (${describeBound(rule)})`;
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

;// CONCATENATED MODULE: ./build/src/report/content.js


const content_VERDICT_ICONS = { passed: '✅', failed: '❌', error: '⚠️' };
const content_VERDICT_TITLES = {
    passed: 'Load test passed',
    failed: 'Load test failed its thresholds',
    error: 'Load test could not run'
};
/** The heading of a report: a cancelled run is not one that "could not run". */
function verdictTitle(report) {
    return report.cancelled && report.verdict === 'error'
        ? 'Load test cancelled'
        : content_VERDICT_TITLES[report.verdict];
}
const PARTIAL_NOTE = 'the run did not complete, so the figures cover only part of it.';
const NO_RESULTS_NOTE = 'Locust wrote no readable results.';
function thresholdsSentence(results) {
    const skipped = results.filter((result) => result.verdict === 'skipped').length;
    const judged = results.length - skipped;
    const failed = results.filter((result) => result.verdict === 'fail').length;
    const unmeasured = results.filter((result) => result.verdict === 'not_evaluated').length;
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
                : 'The threshold held.';
        return outcome + skippedNote;
    }
    if (failed === 0 && unmeasured === 0)
        return `All ${formatCount(judged)} thresholds held.${skippedNote}`;
    const parts = [];
    if (failed > 0)
        parts.push(`${formatCount(failed)} of ${formatCount(judged)} thresholds failed`);
    if (unmeasured > 0) {
        const verb = unmeasured === 1 ? 'was' : 'were';
        parts.push(failed > 0
            ? `${formatCount(unmeasured)} ${verb} not evaluated`
            : `${formatCount(unmeasured)} of ${formatCount(judged)} thresholds ${verb} not evaluated`);
    }
    return `${parts.join('; ')}.${skippedNote}`;
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
/** The run facts as label/value pairs, links excluded (each rendering draws them its own way). */
function runFacts(report, format) {
    const facts = report.facts;
    const known = (text, shown) => text === undefined ? 'not known' : shown(text);
    const connected = facts.workersConnected === undefined
        ? `${formatCount(facts.workers)} expected`
        : `${formatCount(facts.workersConnected)} of ${formatCount(facts.workers)} connected`;
    // Joins beyond the expected workers are restarts; a lost worker's users stopped with it.
    const rejoined = Math.max(0, (facts.workersJoined ?? 0) - facts.workers);
    const workers = [
        connected,
        ...(rejoined > 0 ? [`${formatCount(rejoined)} joined again later`] : []),
        ...((facts.workersLost ?? 0) > 0
            ? [`${formatCount(facts.workersLost)} lost during the run (no heartbeat)`]
            : [])
    ].join(', ');
    // What ran, from the stats history, beside what was asked: a LoadTestShape sets its own users.
    // One sample (Locust stopped before its next write) says nothing about the run.
    const span = (report.results?.historyRowsRead ?? 0) >= 2 ? report.results.historySpan : null;
    const requested = `${formatSeconds(facts.runTimeSeconds)} requested`;
    const measured = facts.durationSeconds !== undefined
        ? `${formatSeconds(facts.durationSeconds)} measured`
        : span !== null
            ? `${formatSeconds(span.lastTimestamp - span.first.timestamp)} in the stats history`
            : undefined;
    const runTime = measured === undefined ? requested : `${requested}, ${measured}`;
    const spawn = `spawn rate ${formatValue(facts.spawnRate, 'rate')}`;
    const users = span === null
        ? `${formatCount(facts.users)} (${spawn})`
        : `${formatCount(span.peakUsers)} at peak, ${formatCount(span.finalUsers)} at the end ` +
            `(${formatCount(facts.users)} requested, ${spawn})`;
    // Results judged after the fact say nothing of how Locust was started.
    const items = facts.backend === 'none'
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
    const locust = known(facts.locustVersion, format.text);
    items.push(['Locust', facts.locustNote ? `${locust} (${format.text(facts.locustNote)})` : locust]);
    const missing = report.results?.missingFiles ?? [];
    if (missing.length > 0)
        items.push(['Not written by Locust', missing.map(format.literal).join(', ')]);
    return items;
}

;// CONCATENATED MODULE: ./build/src/report/comparison.js
/**
 * The comparison with a baseline in words and figures, shared by the job summary, the PR comment
 * and the terminal: each draws the same cells its own way.
 */




const CHANGE_WORDS = {
    worse: 'worse',
    better: 'better',
    same: 'same',
    unknown: 'n/a'
};
function comparisonCells(row) {
    const family = metricFamily(row.metric);
    const arrow = row.delta === null || row.change === 'same' ? '=' : row.delta > 0 ? '▲' : '▼';
    return {
        label: row.label,
        metric: metrics_metricName(row.metric),
        baseline: formatValue(row.baseline, family),
        current: formatValue(row.current, family),
        delta: row.delta === null ? 'n/a' : signed(row.delta, formatValue(Math.abs(row.delta), family)),
        deltaPercent: row.deltaRatio === null
            ? 'n/a'
            : signed(row.deltaRatio, formatValue(Math.abs(row.deltaRatio), 'ratio')),
        trend: `${arrow} ${CHANGE_WORDS[row.change]}`
    };
}
/** How many rows got worse, for a one-line verdict on the comparison. */
function comparisonSentence(comparison) {
    const worse = comparison.rows.filter((row) => row.change === 'worse').length;
    const better = comparison.rows.filter((row) => row.change === 'better').length;
    const noise = formatValue(NOISE_RATIO, 'ratio');
    if (worse === 0 && better === 0)
        return `No figure moved by more than ${noise} from the baseline.`;
    return `${worse} ${worse === 1 ? 'figure' : 'figures'} worse and ${better} better than the baseline (changes under ${noise} count as the same).`;
}
function signed(value, magnitude) {
    if (value === 0)
        return magnitude;
    return `${value > 0 ? '+' : '−'}${magnitude}`;
}
/** The comparison as a GFM table of at most maxRows rows (regressions first), with a cut note. */
function comparisonTable(comparison, maxRows) {
    const shown = comparison.rows.slice(0, maxRows);
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
    if (shown.length < comparison.rows.length) {
        lines.push('', `_Showing ${formatCount(shown.length)} of ${formatCount(comparison.rows.length)} figures (regressions first); all of them are in results.json._`);
    }
    return lines.join('\n');
}
/** Where the baseline came from, as a markdown line: its source and, when known, its run. */
function baselineSourceLine(comparison) {
    const source = inlineCode(comparison.baselineSource, 200);
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
        return [
            `${baselineSourceLine(report.comparison)} ${comparisonSentence(report.comparison)}`,
            '',
            comparisonTable(report.comparison, maxRows)
        ];
    }
    if (report.baselineNote !== undefined) {
        return [`_${markdownText(report.baselineNote, maxNoteChars)}_`];
    }
    return [];
}

;// CONCATENATED MODULE: ./build/src/report/markdown.js






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
        ? [failuresSection(results), exceptionsSection(results.exceptions), factsSection(report)]
        : [factsSection(report)];
    if (results)
        trailing.push(chartsSection(results));
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
    if (report.error !== undefined)
        lines.push(...errorBlocks(report.error));
    if (report.partial)
        lines.push(`> **Partial results:** ${PARTIAL_NOTE}`, '');
    const warning = failuresWarning(report);
    if (warning !== undefined)
        lines.push(`> **Warning:** ${markdownText(warning)}`, '');
    if (!report.results)
        lines.push(NO_RESULTS_NOTE, '');
    lines.push(thresholdsSentence(report.evaluation.results));
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
function thresholdsSection(results) {
    if (results.length === 0)
        return '';
    const shown = results.length <= MAX_THRESHOLD_ROWS
        ? results
        : [...results]
            .sort((a, b) => Number(b.verdict !== 'pass') - Number(a.verdict !== 'pass'))
            .slice(0, MAX_THRESHOLD_ROWS)
            .sort((a, b) => a.rule.line - b.rule.line);
    const rows = shown.map((result) => {
        const family = metricFamily(result.rule.metric);
        return tableRow([
            result.rule.isDefault
                ? `${tableCode(result.rule.text)} (default)`
                : tableCode(result.rule.text),
            formatValue(result.actual, family),
            markdownText(formatLimit(result)),
            VERDICT_CELLS[result.verdict],
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
function linkText(link) {
    return markdownLink(link.value ?? link.url ?? '', link.url);
}
const COLOURS = {
    green: '#009E73',
    blue: '#0072B2',
    vermillion: '#D55E00',
    orange: '#E69F00',
    black: '#000000'
};
function charts(series) {
    const line = (name, colourName, values) => ({
        name,
        colour: COLOURS[colourName],
        colourName,
        values
    });
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
        {
            title: 'Response time in ms',
            axis: 'ms',
            family: 'time',
            lines: [
                line('p50', 'blue', series.p50),
                line('p95', 'orange', series.p95),
                line('p99', 'black', series.p99)
            ],
            empty: 'No response times were recorded.'
        }
    ];
}
function chartsSection(results) {
    const series = chartSeries(results.history, results.historySpan?.first ?? null, CHART_POINTS);
    if (series === null) {
        return '### Over time\n\n_No charts: the stats history holds fewer than two samples._';
    }
    const blocks = charts(series).map((chart) => {
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
        return [
            '```mermaid',
            `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
            'xychart-beta',
            `  title "${mermaidText(chart.title + legend)}"`,
            `  x-axis "${mermaidText('Elapsed time (s)')}" ${axisNumber(series.fromSeconds)} --> ${axisNumber(series.toSeconds)}`,
            `  y-axis "${mermaidText(chart.axis)}" 0 --> ${niceCeiling(Math.max(...lines.flatMap((line) => line.values)))}`,
            ...lines.map((line) => `  line [${line.values.join(', ')}]`),
            '```'
        ].join('\n');
    });
    const notes = [
        `_Each point covers ${formatSeconds(series.fromSeconds)} of the run; requests and failures per second are counted from Locust's cumulative totals._`
    ];
    if (series.gaps.length > 0) {
        const shown = series.gaps
            .slice(0, 5)
            .map(([from, to]) => `${formatSeconds(from)} to ${formatSeconds(to)}`)
            .join(', ');
        notes.push(`_No samples from ${shown}${series.gaps.length > 5 ? ', and more' : ''}: the lines join the samples on either side, and the requests there are averaged over the gap._`);
    }
    return ['### Over time', '', blocks.join('\n\n'), '', notes.join('\n\n')].join('\n');
}
function axisNumber(seconds) {
    return Number(seconds.toFixed(1));
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

;// CONCATENATED MODULE: ./build/src/report/json.js



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
        cancelled: report.cancelled === true,
        error: report.error ?? null,
        facts: factsJson(report.facts),
        totals: results ? endpointJson(results.aggregate) : null,
        endpoints: results ? results.endpoints.map(endpointJson) : [],
        thresholds: report.evaluation.results.map(thresholdJson),
        failures: results?.failures ?? [],
        exceptions: results?.exceptions ?? [],
        history: {
            rowsRead: results?.historyRowsRead ?? 0,
            points: results ? resampleHistory(results.history, HISTORY_POINTS) : []
        },
        missingFiles: results?.missingFiles ?? [],
        baseline: report.comparison ? baselineJson(report.comparison) : null,
        baselineNote: report.baselineNote ?? null
    };
}
function baselineJson(comparison) {
    return {
        source: comparison.baselineSource,
        runId: comparison.baselineRunId ?? null,
        runUrl: comparison.baselineRunUrl ?? null,
        deltas: comparison.rows.map((row) => {
            const family = metricFamily(row.metric);
            return {
                endpoint: row.label,
                metric: metrics_metricName(row.metric),
                family,
                baseline: machineValue(row.baseline, family),
                current: machineValue(row.current, family),
                delta: machineValue(row.delta, family),
                deltaRatio: machineValue(row.deltaRatio, 'ratio'),
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
        percentiles: Object.fromEntries(stats.percentiles.map((p) => [`p${p.quantile}`, machineValue(p.ms, 'time')]))
    };
}
function thresholdJson(result) {
    const { rule } = result;
    const family = metricFamily(rule.metric);
    return {
        rule: rule.text,
        line: rule.line,
        default: rule.isDefault === true,
        selector: rule.selector ?? null,
        metric: metrics_metricName(rule.metric),
        family,
        operator: rule.operator,
        limit: machineValue(result.limit, family),
        bound: rule.baseline ?? null,
        baseline: machineValue(result.baselineValue, family),
        actual: machineValue(result.actual, family),
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
 * The outputs that describe the result: passed ("true"/"false"), requests, failures, fail-ratio
 * (a fraction), rps, p50, p95, p99 (milliseconds), and the deltas against the baseline.
 */
function resultOutputs(report) {
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
        p99: outputValue(percentile(99), 'time'),
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
    await scrubFolder(resultsDir, (0,run_host/* hostSecrets */.YR)(config.host));
    return judgeResults({
        thresholds: config.thresholds,
        facts: { ...plannedFacts(config), ...context.facts },
        baseline: context.baseline,
        resultsDir,
        notBefore: context.startedAt,
        cancelled: context.cancelled
    }, deleted === undefined ? outcome : { ...outcome, error: deleted, partial: false });
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
    const baseline = judgement.baseline && 'baseline' in judgement.baseline ? judgement.baseline.baseline : undefined;
    const evaluation = evaluateThresholds(judgement.thresholds, results, baseline);
    const error = outcome.error ?? readError;
    const verdict = error !== undefined ? 'error' : evaluation.passed ? 'passed' : 'failed';
    const report = {
        verdict,
        facts: { ...judgement.facts, ...outcome.facts },
        results,
        evaluation,
        error,
        partial: outcome.partial,
        ...(judgement.cancelled ? { cancelled: true } : {}),
        ...(baseline && results ? { comparison: compareWithBaseline(results, baseline) } : {}),
        ...(judgement.baseline && 'note' in judgement.baseline
            ? { baselineNote: judgement.baseline.note }
            : {})
    };
    const reportDir = judgement.reportDir ?? resultsDir;
    await (0,promises_.mkdir)(reportDir, { recursive: true });
    const markdown = renderMarkdown(report);
    const paths = reportPaths(reportDir);
    await (0,promises_.writeFile)(paths.summary, markdown);
    await (0,promises_.writeFile)(paths.resultsJson, `${JSON.stringify(toResultsJson(report), null, 2)}\n`);
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
/** What is known of a run before it starts: the plan. */
function plannedFacts(config) {
    return {
        backend: config.backend.kind,
        backendLabel: backendFor(config.backend.kind).label,
        host: config.host === undefined ? undefined : (0,run_host/* redactHost */.S7)(config.host),
        users: config.users,
        spawnRate: config.spawnRate,
        workers: config.workers,
        runTimeSeconds: config.runTimeSeconds
    };
}
/** The outcome with the host's credentials taken out of its error text. */
function withoutSecrets(outcome, config) {
    if (outcome.error === undefined)
        return outcome;
    return { ...outcome, error: (0,run_host/* scrubSecrets */.Zg)(outcome.error, (0,run_host/* hostSecrets */.YR)(config.host)) };
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
    const value = (input) => (raw[input] ?? '').trim();
    const fail = (input, given, accepted) => {
        problems.push({ input, message: `Input '${input}': got "${given}"; ${accepted}` });
        return undefined;
    };
    const settings = readGateInputs(value, (path) => (0,external_node_path_.resolve)(workingDirectory, path), fail);
    if (problems.length > 0)
        throw new InputError(problems);
    return settings;
}
function readGateInputs(value, inWorkingDirectory, fail) {
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
    const commentText = value('comment-on-pr') || 'auto';
    const commentOnPr = commentText === 'auto' || commentText === 'always' || commentText === 'never'
        ? commentText
        : (fail('comment-on-pr', commentText, 'expected "auto", "always" or "never".'), 'auto');
    return {
        baseline,
        artifactName,
        commentOnPr,
        githubToken: value('github-token') || undefined,
        testName: value('test-name') || undefined
    };
}

// EXTERNAL MODULE: ./node_modules/shell-quote/index.js
var shell_quote = __nccwpck_require__(6591);
;// CONCATENATED MODULE: ./build/src/thresholds/parse.js
/**
 * Parses the threshold language, one rule per line:
 *
 *     [selector:] metric operator limit[unit]   # comment
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
    const percentiles = options.percentiles ?? LOCUST_DEFAULT_PERCENTILES;
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
    const max = MAX_LIMITS[metricFamily(metric)];
    if (limit <= max)
        return;
    const shown = numberText.length > 20
        ? `${numberText.slice(0, 12)}… (${numberText.length} digits)`
        : numberText;
    throw new LineProblem(index, `limit ${shown} is too large for ${metrics_metricName(metric)}; the largest accepted is ${max.toLocaleString('en-US')}${metricFamily(metric) === 'time' ? ' ms (a day)' : ''}`);
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
;// CONCATENATED MODULE: ./build/src/inputs/spec.js
/**
 * Every input of the action and the CLI, in one place: its name (as in action.yml), default,
 * description, CLI flag and type. parse.ts reads the defaults from here, the CLI builds its flags
 * and help from here, and tests hold action.yml and the README tables to it. Adding an input is
 * one entry here plus its entry in action.yml.
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
        cli: { flags: '-u, --users <n>', help: 'peak number of concurrent users' }
    },
    {
        name: 'spawn-rate',
        default: '',
        description: 'Users started per second. Defaults to `users` (at most 100).',
        type: 'number',
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
        type: 'text',
        cli: { flags: '-t, --run-time <time>', help: 'test duration in Locust form: 90s, 5m, 1h30m' }
    },
    {
        name: 'workers',
        default: '1',
        description: 'Number of Locust worker processes (local) or Fargate worker tasks (aws), 1 to 200.',
        type: 'integer',
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
        name: 'timeout-minutes',
        default: '',
        description: 'Hard limit for the whole run, in minutes; everything started is stopped when it passes. Defaults to the run time plus 10 minutes.',
        type: 'number',
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
        description: "What baseline rules (`p95 < baseline * 1.1`) compare with: a previous `results.json` or its folder, relative to `working-directory`; or `auto`: the `artifact-name` artifact of the latest successful run of this workflow on the base branch (local, none), or the results the stack's bucket keeps for the base branch (aws). Empty: no baseline. Without one, baseline rules are skipped, not failed.",
        type: 'text',
        cli: {
            flags: '--baseline <path>',
            help: 'a previous results.json (or its folder) for rules such as "p95 < baseline * 1.1"'
        }
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
        type: 'text'
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
    }
];
/** Every input's name, in action.yml's order. */
const INPUT_NAMES = INPUTS.map((input) => input.name);
const BY_NAME = new Map(INPUTS.map((input) => [input.name, input]));
function inputSpec(name) {
    return BY_NAME.get(name);
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

;// CONCATENATED MODULE: ./build/docker/reserved-flags.json
const reserved_flags_namespaceObject = /*#__PURE__*/JSON.parse('{"M":[{"flags":["-f","--locustfile"],"instead":"use the `locustfile` input"},{"flags":["-u","--users"],"instead":"use the `users` input"},{"flags":["-r","--spawn-rate"],"instead":"use the `spawn-rate` input"},{"flags":["-t","--run-time"],"instead":"use the `run-time` input"},{"flags":["-H","--host"],"instead":"use the `host` input"},{"flags":["--master"],"instead":"the backend starts the master"},{"flags":["--worker"],"instead":"the backend starts the workers"},{"flags":["--master-host"],"instead":"the backend connects workers to the master"},{"flags":["--master-port"],"instead":"the backend chooses the master port"},{"flags":["--master-bind-host"],"instead":"the backend chooses the master address"},{"flags":["--master-bind-port"],"instead":"the backend chooses the master port"},{"flags":["--expect-workers"],"instead":"use the `workers` input"},{"flags":["--expect-workers-max-wait"],"instead":"the backend waits for the workers"},{"flags":["--processes"],"instead":"use the `workers` input"},{"flags":["--headless"],"instead":"runs are always headless"},{"flags":["--autostart"],"instead":"runs are always headless"},{"flags":["--autoquit"],"instead":"the backend ends the run"},{"flags":["--csv"],"instead":"the backend writes CSVs into `results-dir`"},{"flags":["--csv-full-history"],"instead":"the backend always writes the full history"},{"flags":["--html"],"instead":"the backend writes report.html into `results-dir`"},{"flags":["--logfile"],"instead":"the backend writes the logs into `results-dir`"},{"flags":["-L","--loglevel"],"instead":"the backend reads Locust\'s INFO log"},{"flags":["--skip-log-setup"],"instead":"the backend reads Locust\'s log"}]}');
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

;// CONCATENATED MODULE: ./build/src/inputs/parse.js









const MAX_WORKERS = 200;
/** GitHub's cap on a job's `timeout-minutes`, and so on ours. */
const MAX_TIMEOUT_MINUTES = 24 * 60;
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

const RUN_TIME_PATTERN = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;
/** Some backends ship files keyed by their path inside the working directory. */
const shippedInsideWorkingDirectory = (kind) => `the ${kind} backend ships files by their path inside \`working-directory\`, and this one is outside it; move it inside, or set \`working-directory\` to a folder that holds the locustfile and its data.`;
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
    const fields = fieldReader(raw, context, problems);
    const { value, fail, integer, positiveNumber, boolean } = fields;
    const name = (input) => context.displayName?.(input) ?? input;
    const backendText = value('backend') || defaultOf('backend');
    const backend = backendFor(isBackendKind(backendText)
        ? backendText
        : (fail('backend', backendText, `expected ${alternatives(BACKEND_KINDS)}.`),
            defaultOf('backend')));
    const workingDirectory = (0,external_node_path_.resolve)(context.cwd, value('working-directory') || defaultOf('working-directory'));
    const workingDirectoryExists = context.files.kind(workingDirectory) === 'directory';
    if (!workingDirectoryExists) {
        fail('working-directory', value('working-directory'), 'expected an existing folder (relative to the workspace).');
    }
    const inWorkingDirectory = (path) => (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(workingDirectory, path);
    const locustfileText = value('locustfile') || defaultOf('locustfile');
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
    const hostProblem = host === undefined ? undefined : whyNotAHost(host);
    if (host !== undefined && hostProblem !== undefined)
        fail('host', (0,run_host/* redactHost */.S7)(host), hostProblem);
    const users = integer('users', Number(defaultOf('users')), 1, 1_000_000);
    const spawnRate = positiveNumber('spawn-rate', Math.min(users, 100), 100_000);
    const runTime = value('run-time') || defaultOf('run-time');
    const runTimeSeconds = parseRunTime(runTime);
    if (runTimeSeconds === undefined || runTimeSeconds <= 0) {
        fail('run-time', runTime, 'expected a duration in Locust\'s form, e.g. "90s", "5m" or "1h30m".');
    }
    else if (runTimeSeconds >= MAX_TIMEOUT_MINUTES * 60) {
        fail('run-time', runTime, `expected less than ${MAX_TIMEOUT_MINUTES / 60}h: timeout-minutes is at most ${MAX_TIMEOUT_MINUTES} and must leave time to start and collect results.`);
    }
    const workers = integer('workers', Number(defaultOf('workers')), 1, MAX_WORKERS);
    const locustArgs = tokenizeLocustArgs(value('locust-args'), (message) => fail('locust-args', value('locust-args'), message));
    // A locustfile that sets its own percentile columns may have any percentile checked.
    const percentiles = locustfileKind === 'file' &&
        context.files.read(locustfile, LIMITS.locustfileBytes)?.includes('PERCENTILES_TO_REPORT')
        ? 'any'
        : undefined;
    const thresholds = parseThresholdInputs(raw, context, inWorkingDirectory, problems, name, {
        percentiles
    });
    const failOnThreshold = boolean('fail-on-threshold', defaultOf('fail-on-threshold') === 'true');
    const defaultTimeout = Math.min(Math.ceil((runTimeSeconds ?? 60) / 60) + 10, MAX_TIMEOUT_MINUTES);
    const timeoutMinutes = positiveNumber('timeout-minutes', defaultTimeout, MAX_TIMEOUT_MINUTES);
    if (runTimeSeconds !== undefined &&
        value('timeout-minutes') !== '' &&
        timeoutMinutes * 60 <= runTimeSeconds) {
        fail('timeout-minutes', value('timeout-minutes'), `expected more minutes than the run time (${runTime}), leaving time to start and collect results.`);
    }
    const resultsDir = inWorkingDirectory(value('results-dir') || defaultOf('results-dir'));
    const settings = backend.parseSettings(fields.settingsReader);
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
        locustArgs,
        thresholds,
        failOnThreshold,
        timeoutMinutes,
        workingDirectory,
        resultsDir
    };
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
/** '"a" or "b"', '"a", "b" or "c"'. */
function alternatives(words) {
    const quoted = words.map((word) => `"${word}"`);
    return quoted.length < 2
        ? quoted.join('')
        : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
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
            reject(`the action sets ${flag} itself${spelled} (${insteadOf(flag)}); remove it from locust-args.`);
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
            message: `Input '${name('thresholds-file')}': got "${fileText}"; ${message}`
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
        const label = `Input '${name(source.input)}'${source.origin}`;
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
            message: `Input '${name('thresholds')}': ${rules.length} threshold rules given; at most ${LIMITS.rules} are accepted (with \`${name('thresholds-file')}\` counted in).`
        });
    }
    return rules;
}
/**
 * The doctor's inputs: the aws backend's own, `workers`, and `timeout-minutes` (default: `run-time`
 * plus 10 minutes, as for a run). Throws InputError listing every problem.
 */
function parseDoctorInputs(raw, context) {
    const problems = [];
    const fields = fieldReader(raw, context, problems);
    const stackName = fields.value('stack-name');
    if (stackName === '') {
        fields.fail('stack-name', '', 'the doctor checks a deployed stack; give its name.');
    }
    const backend = backendFor('aws').parseSettings(fields.settingsReader);
    const workers = fields.integer('workers', Number(defaultOf('workers')), 1, MAX_WORKERS);
    const runTime = fields.value('run-time') || defaultOf('run-time');
    const runTimeSeconds = parseRunTime(runTime);
    if (runTimeSeconds === undefined || runTimeSeconds <= 0) {
        fields.fail('run-time', runTime, 'expected a duration in Locust\'s form, e.g. "90s", "5m" or "1h30m".');
    }
    const defaultTimeout = Math.ceil((runTimeSeconds ?? 60) / 60) + 10;
    const timeoutMinutes = fields.positiveNumber('timeout-minutes', Math.min(defaultTimeout, MAX_TIMEOUT_MINUTES), MAX_TIMEOUT_MINUTES);
    if (problems.length > 0)
        throw new InputError(problems);
    return { backend, stackName, workers, timeoutMinutes };
}
/**
 * Reads raw inputs one by one, recording each problem in `problems` (naming the input as
 * `context.displayName` shows it) instead of stopping at the first.
 */
function fieldReader(raw, context, problems) {
    const name = (input) => context.displayName?.(input) ?? input;
    const value = (input) => (raw[input] ?? '').trim();
    const fail = (input, given, accepted) => {
        const cut = given.length - 200;
        const shown = given === ''
            ? 'nothing'
            : cut > 0
                ? `"${given.slice(0, 200)}…" (${cut.toLocaleString('en-US')} more characters cut)`
                : `"${given}"`;
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
    const settingsReader = {
        value,
        fail,
        matching,
        // A backend names only its own inputs, all of them in the spec.
        integer: (input, min, max) => integer(input, Number(defaultOf(input)), min, max),
        boolean: (input) => boolean(input, defaultOf(input) === 'true'),
        list: (input) => splitList(value(input)),
        env: context.env
    };
    return { value, fail, integer, positiveNumber, boolean, matching, settingsReader };
}
/** A message cut to LIMITS.problemChars, saying how much was cut. */
function capped(message) {
    if (message.length <= LIMITS.problemChars)
        return message;
    const cut = message.length - LIMITS.problemChars;
    return `${message.slice(0, LIMITS.problemChars)}… (${cut.toLocaleString('en-US')} more characters cut)`;
}

;// CONCATENATED MODULE: ./build/src/report/terminal.js






const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 60;
const MAX_ENDPOINT_ROWS = 50;
const terminal_MAX_FAILURE_ROWS = 10;
const terminal_MAX_COMPARISON_ROWS = 12;
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
    failed: ['✖ FAILED', 'red'],
    error: ['⚠ ERROR', 'yellow']
};
function terminal_verdictSection(report, { paint }) {
    const [mark, style] = VERDICT_MARKS[report.verdict];
    const lines = [
        `${paint(mark, style)}  ${paint(verdictTitle(report), 'bold')}: ${thresholdsSentence(report.evaluation.results)}`
    ];
    if (report.error !== undefined) {
        // Lines after the first (log excerpts, tracebacks) keep their own lines and indentation.
        const [first, ...rest] = truncate(report.error, terminal_MAX_ERROR_CHARS).split(/\r?\n/);
        lines.push(`${INDENT}${paint('Error:', style)} ${oneLine(first)}`);
        for (const line of rest)
            lines.push(`${INDENT}${INDENT}${oneLine(line)}`);
    }
    if (report.partial)
        lines.push(`${INDENT}${paint('Partial results:', 'yellow')} ${PARTIAL_NOTE}`);
    const warning = failuresWarning(report);
    if (warning !== undefined)
        lines.push(`${INDENT}${paint('Warning:', 'yellow')} ${warning}`);
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
            : [line, context.paint(`${REASON_INDENT}↳ ${oneLine(reason)}`, 'dim')];
    });
    return section('Thresholds', [header, ...withReasons].join('\n'), context);
}
const terminal_VERDICT_CELLS = {
    pass: { text: '✔ pass', style: 'green' },
    fail: { text: '✖ fail', style: 'red' },
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
        return section(title, `${INDENT}${oneLine(report.baselineNote)}`, context);
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
        `${INDENT}${oneLine(comparison.baselineSource)}${source}: ${comparisonSentence(comparison)}`,
        ...table(['Endpoint', 'Metric', 'Baseline', 'Now', 'Δ', 'Δ %', 'Change'], rows, ['left', 'left', 'right', 'right', 'right', 'right', 'left'], 0, context)
    ];
    if (shown.length < comparison.rows.length) {
        lines.push(context.paint(`${INDENT}Showing ${formatCount(shown.length)} of ${formatCount(comparison.rows.length)} figures (regressions first); all of them are in results.json.`, 'dim'));
    }
    return section(title, lines.join('\n'), context);
}
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



const EXIT = { passed: 0, thresholdFailed: 1, error: 2 };
/** The exit code of a verdict; a failed threshold exits 0 when thresholds only report. */
function exitCodeFor(verdict, failOnThreshold = true) {
    switch (verdict) {
        case 'passed':
            return EXIT.passed;
        case 'failed':
            return failOnThreshold ? EXIT.thresholdFailed : EXIT.passed;
        case 'error':
            return EXIT.error;
    }
}
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
            this.shownProgress = line.length >= columns ? `${line.slice(0, columns - 2)}…` : line;
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
 * writes every problem under `heading` and returns undefined; other errors are thrown.
 */
function parseFlagValues({ raw, emptyFlags }, parse, context, heading) {
    const { cwd, env, stderr, flagOf } = context;
    try {
        if (emptyFlags.length > 0) {
            throw new InputError(emptyFlags.map((input) => ({
                input,
                message: `Input '${flagOf(input)}': got nothing; give it a value, or leave the flag out for its default.`
            })));
        }
        return parse(raw, { cwd, env, files: nodeFiles, displayName: flagOf });
    }
    catch (error) {
        if (!(error instanceof InputError))
            throw error;
        stderr.write(plainText(`${heading}\n${error.message}\n(add --help for usage)\n`));
        return undefined;
    }
}

;// CONCATENATED MODULE: ./build/src/cli/doctor-command.js



/** The run's inputs the doctor weighs the stack against, besides the aws backend's own. */
const RUN_INPUTS = ['workers', 'run-time', 'timeout-minutes'];
/** aws inputs no check reads. */
const UNCHECKED_INPUTS = ['security-groups'];
const DOCTOR_INPUTS = FLAGGED_INPUTS.filter((spec) => !UNCHECKED_INPUTS.includes(spec.name) &&
    (spec.backend === 'aws' || RUN_INPUTS.includes(spec.name)));
const EXAMPLES = `
Checks, each ok, warning or error with its fix: the stack's status and outputs, the task
definition's CPU and memory, the image in ECR, the subnets' routes against --assign-public-ip, the
Fargate vCPU quota against --workers, the credentials' lifetime against the timeout, and whether
the caller may make every call a run makes (IAM's policy simulator).

Example:
  $ distributed-locust doctor --stack-name distributed-locust --aws-region eu-west-1 -w 20 -t 30m

Exit codes: 0 no error found (warnings allowed), 2 an error found or the options are invalid.`;
function addDoctorCommand(program, environment, flagOf, setExitCode) {
    const doctor = program
        .command('doctor')
        .description('check a deployed AWS stack and the account before the first run')
        .addHelpText('after', EXAMPLES);
    const rawInputs = addInputOptions(doctor, DOCTOR_INPUTS);
    doctor.option(...NO_COLOR_OPTION);
    doctor.action(async (values) => {
        const flags = rawInputs(values);
        const color = wantsColor(values.color, environment);
        setExitCode(await runDoctor(flags, color, environment, flagOf));
    });
}
async function runDoctor(flags, color, environment, flagOf) {
    const inputs = parseFlagValues(flags, parseDoctorInputs, { ...environment, flagOf }, 'Invalid options.');
    if (inputs === undefined)
        return 2;
    const settings = inputs.backend;
    const region = settings.region ?? '';
    environment.stderr.write(`Checking stack ${inputs.stackName} in ${region} for ${inputs.workers} worker(s) and a ${inputs.timeoutMinutes}-minute timeout…\n`);
    // The SDK is loaded only for this command, as for the aws backend.
    const [{ createDoctorClients, destroyDoctorClients }, { gatherFacts }, { diagnose, worstLevel }] = await Promise.all([
        Promise.all(/* import() */[__nccwpck_require__.e(805), __nccwpck_require__.e(408), __nccwpck_require__.e(476), __nccwpck_require__.e(229), __nccwpck_require__.e(602)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4602)),
        Promise.all(/* import() */[__nccwpck_require__.e(805), __nccwpck_require__.e(408), __nccwpck_require__.e(229), __nccwpck_require__.e(353), __nccwpck_require__.e(172)]).then(__nccwpck_require__.bind(__nccwpck_require__, 172)),
        Promise.all(/* import() */[__nccwpck_require__.e(805), __nccwpck_require__.e(353)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7353))
    ]);
    const clients = createDoctorClients(settings.region);
    const facts = await gatherFacts(settings, {
        stackName: inputs.stackName,
        region,
        workers: inputs.workers,
        timeoutMinutes: inputs.timeoutMinutes,
        assignPublicIp: settings.assignPublicIp
    }, clients, environment.env, environment.now().getTime());
    destroyDoctorClients(clients);
    const findings = diagnose(facts);
    environment.stdout.write(renderFindings(findings, color));
    return worstLevel(findings) === 'error' ? 2 : 0;
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
Exit codes: 0 every threshold passed, 1 a threshold failed, 2 usage error or no readable results.`;
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
        .option(...NO_COLOR_OPTION)
        .addHelpText('after', report_command_EXAMPLES)
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
        : await lookUpBaselineFile((0,external_node_path_.resolve)(cwd, options.baseline));
    if (baseline && 'note' in baseline)
        stderr.write(`${baseline.note}\n`);
    const concluded = await judgeResults({
        thresholds,
        facts: {
            backend: noneBackend.kind,
            backendLabel: noneBackend.label,
            users: 0,
            spawnRate: 0,
            workers: 0,
            runTimeSeconds: 0
        },
        baseline,
        resultsDir,
        reportDir: options.out === undefined ? undefined : (0,external_node_path_.resolve)(cwd, options.out)
    }, { csvPrefix: prefix, partial: false, facts: await factsFromHistory(resultsDir, prefix) });
    const color = wantsColor(options.color, environment);
    stdout.write(`${renderTerminal(concluded.report, { color, width: stdout.columns })}\n`);
    stdout.write(`Report written to ${concluded.summaryPath} and ${concluded.resultsJsonPath}\n`);
    return exitCodeFor(concluded.report.verdict);
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
 * Exit codes: 0 passed, 1 a threshold failed, 2 usage or infrastructure error; 130/143 when
 * interrupted by SIGINT/SIGTERM (partial results are kept).
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

Exit codes: 0 every threshold passed, 1 a threshold failed, 2 usage or infrastructure error
(Locust could not run, timeout), 130/143 interrupted by SIGINT/SIGTERM (partial results kept).`;
/** The flag that sets an input, for messages: 'users' → '--users/-u'. */
function flagOf(input) {
    const spec = FLAGGED_INPUTS.find((flag) => flag.name === input);
    if (!spec)
        return input;
    const [short, long] = spec.cli.flags.split(/[ ,]+/).filter((word) => word.startsWith('-'));
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
        .addHelpText('after', main_EXAMPLES);
    const rawInputs = addInputOptions(run, FLAGGED_INPUTS, helpGroup);
    run.option(...NO_COLOR_OPTION);
    run.action(async (values) => {
        const flags = rawInputs(values);
        flags.raw['results-dir'] ??= (0,external_node_path_.join)('locust-results', timestampForFolder(environment.now()));
        const color = wantsColor(values.color, environment);
        exitCode = await runLoadTest(flags, color, environment);
    });
    addReportCommand(program, environment, (code) => (exitCode = code));
    addDoctorCommand(program, environment, flagOf, (code) => (exitCode = code));
    program.addHelpText('after', main_EXAMPLES);
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
async function runLoadTest(flags, color, environment) {
    const { stdout, stderr } = environment;
    const config = parseFlagValues(flags, parseInputs, { ...environment, flagOf }, 'Invalid options; nothing was started.');
    if (config === undefined)
        return EXIT.error;
    const { raw } = flags;
    const baseline = await baselineOf(raw, config.workingDirectory);
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
        const interruptedBy = interruption.signal;
        if (interruptedBy !== undefined)
            return SIGNAL_EXIT_CODES[interruptedBy] ?? EXIT.error;
        return exitCodeFor(concluded.report.verdict, config.failOnThreshold);
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
            return lookUpBaselineFile(source.path);
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
/******/ var __webpack_exports__ = __nccwpck_require__(6708);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
