// done-browser.mjs: a person opens a done-link from a reminder mail on a
// phone, fills in the form with the keyboard and records the completion.
//
//   node tests/done-browser.mjs URL SCREENSHOT.png [EVIDENCE [NOTE]]
//
// Drives Debian's Chromium (/usr/bin/chromium) with playwright-core; it
// never downloads a browser.  Opens URL (http://127.0.0.1:PORT/done/TOKEN)
// in a 390x844 viewport at device scale factor 2 and checks the page: its
// title and heading, the name field filled in from the owner role, labels
// on every field, the Content-Security-Policy header, that the page loads
// nothing but itself and runs no script, and that no CSP violation is
// reported.  Saves a screenshot, then moves through the form with Tab,
// types EVIDENCE and NOTE, reaches the button with Tab, presses Enter and
// checks the receipt page ("Registreret").  Prints one JSON line with what
// it saw -- for the page and the receipt, under "visible", the occurrence's
// box line by line, every label with its field's id, tag and value, the
// buttons and the paragraphs, for tests/0820-done-browser.t to compare with
// what it expects -- and exits 0, or 1 with the problems in the JSON's
// "problems" (and on stderr); 2 when the browser could not be started or
// the run timed out.
import { chromium } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
	"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
	"--no-first-run", "--disable-background-networking",
	"--disable-component-update", "--disable-sync",
];
const STEP_MS = 10000; // any one wait
const ALL_MS = 30000; // the whole run

const [url, shot, evidence = "Rapport i F2, sag 2026-0042: ændringer og øvelse på Århus-kontoret",
	note = "Færre klik end sidst; Ærø og Søby følger op i år",
	name = "Åse Ørsted"] = process.argv.slice(2);
if (!url || !shot) {
	console.error("usage: node tests/done-browser.mjs URL SCREENSHOT.png [EVIDENCE [NOTE [NAME]]]");
	process.exit(64);
}

const problems = [];
const check = (cond, what) => { if (!cond) problems.push(what); return cond; };
// The token is a secret: the JSON shows its first four characters only.
const mask = (u) => u.replace(/\/done\/(.{4})[^/?#]*/, "/done/$1...");

const seen = {
	url: mask(url), requests: [], console: [], cspViolations: [], pageErrors: [],
};
let browser;

const timer = setTimeout(async () => {
	console.error(`done-browser: gave up after ${ALL_MS} ms`);
	seen.problems = [...problems, `timed out after ${ALL_MS} ms`];
	console.log(JSON.stringify(seen));
	try { await browser?.close(); } catch { /* going anyway */ }
	process.exit(2);
}, ALL_MS);

try {
	browser = await chromium.launch({
		executablePath: CHROMIUM, headless: true, args: ARGS, timeout: STEP_MS,
	});
} catch (e) {
	console.error(`done-browser: cannot start ${CHROMIUM}: ${e.message}`);
	process.exit(2);
}

try {
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
		isMobile: true, hasTouch: true, locale: "da-DK",
		serviceWorkers: "block",
	});
	context.setDefaultTimeout(STEP_MS);
	context.setDefaultNavigationTimeout(STEP_MS);
	// Instrumentation, not the page's: CDP injects it past the CSP.  It
	// only listens for the browser's own reports of CSP violations.
	await context.addInitScript(() => {
		window.__csp = [];
		document.addEventListener("securitypolicyviolation", (e) =>
			window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
	});
	context.on("request", (r) => seen.requests.push({
		method: r.method(), type: r.resourceType(), url: mask(r.url()),
		same: r.url() === url,
	}));
	context.on("requestfailed", (r) =>
		problems.push(`request failed: ${mask(r.url())} ${r.failure()?.errorText}`));
	const page = await context.newPage();
	page.on("console", (m) => seen.console.push(`${m.type()}: ${m.text()}`));
	page.on("pageerror", (e) => seen.pageErrors.push(String(e)));

	// What a page may load: nothing.  What it runs: nothing.
	const inspect = async () => page.evaluate(() => ({
		scripts: document.scripts.length,
		handlers: [...document.querySelectorAll("*")].flatMap((el) =>
			[...el.attributes].filter((a) => /^on/i.test(a.name))
				.map((a) => `${el.tagName.toLowerCase()}[${a.name}]`)),
		loads: document.querySelectorAll("link, img, iframe, object, embed, " +
			"video, audio, source, picture, svg image, base").length,
		csp: window.__csp,
		// Laid out for the phone's width: nothing to scroll sideways.
		width: [innerWidth, document.documentElement.scrollWidth],
	}));
	// What a reader sees: the occurrence's box, line by line; every label
	// with the field it names and what that holds; the buttons; the
	// paragraphs of main.
	const visible = async () => page.evaluate(() => {
		const lines = (el) => (el ? el.innerText : "").split("\n")
			.map((l) => l.trim()).filter((l) => l !== "");
		return {
			box: lines(document.querySelector(".box")),
			fields: [...document.querySelectorAll("label")].map((l) => ({
				label: l.innerText.trim(),
				id: l.control ? l.control.id : null,
				tag: l.control ? l.control.tagName.toLowerCase() : null,
				value: l.control ? l.control.value : null,
			})),
			buttons: [...document.querySelectorAll("button, input[type=submit]")]
				.map((b) => (b.innerText || b.value || "").trim()),
			paragraphs: [...document.querySelectorAll("main > p")]
				.map((p) => p.innerText.replace(/\s+/g, " ").trim()),
		};
	});
	const headers = (resp) => {
		const h = resp.headers();
		return {
			csp: h["content-security-policy"] || "",
			type: h["content-type"] || "",
			nosniff: h["x-content-type-options"] || "",
			cache: h["cache-control"] || "",
		};
	};
	const cspOk = (h) => /(^|;)\s*default-src 'none'/.test(h.csp) &&
		/style-src 'sha256-[A-Za-z0-9+/=]+'/.test(h.csp) &&
		/form-action 'self'/.test(h.csp) && !/unsafe/.test(h.csp);

	// 1. The link, as the mail's reader opens it.
	const resp = await page.goto(url, { waitUntil: "load" });
	const h1 = (await page.locator("h1").innerText()).trim();
	const form = {
		status: resp.status(), headers: headers(resp), title: await page.title(),
		h1, page: await inspect(), visible: await visible(),
		name: await page.locator("#by").inputValue(),
		nameField: {
			required: await page.locator("#by").evaluate((el) => el.required),
			autocomplete: await page.locator("#by").getAttribute("autocomplete"),
		},
		formValue: await page.locator("input[type=hidden][name=form]").getAttribute("value"),
		labelled: {},
		style: await page.evaluate(() => ({
			body: getComputedStyle(document.body).backgroundColor,
			button: getComputedStyle(document.querySelector("button")).backgroundColor,
		})),
	};
	seen.form = form;
	check(form.status === 200, `GET: status ${form.status}, want 200`);
	check(form.title.startsWith("Registrér som udført"), `title "${form.title}"`);
	check(h1 === "Registrér som udført", `h1 "${h1}"`);
	// Who did it is typed by who did it, not guessed from the role.
	check(form.name === "", `the name field is filled in with "${form.name}"`);
	check(form.nameField.required && form.nameField.autocomplete === "name",
		`the name field is not required with autocomplete="name": ${JSON.stringify(form.nameField)}`);
	check((form.formValue || "").length >= 40, "no anti-forgery field 'form'");
	check(cspOk(form.headers), `Content-Security-Policy: "${form.headers.csp}"`);
	check(form.headers.nosniff === "nosniff", "no X-Content-Type-Options: nosniff");
	check(form.page.scripts === 0, `${form.page.scripts} script element(s)`);
	check(form.page.handlers.length === 0, `event handler attributes: ${form.page.handlers}`);
	check(form.page.loads === 0, `${form.page.loads} element(s) that load something`);
	check(form.page.width[0] === 390 && form.page.width[1] <= 390,
		`the page is not laid out for 390 CSS pixels: ${form.page.width}`);
	// The inline style is allowed by its hash: it applies.
	check(form.style.body === "rgb(246, 246, 244)" &&
		form.style.button === "rgb(11, 83, 148)",
	`the style does not apply (CSP?): ${JSON.stringify(form.style)}`);
	// Every field has a label a screen reader reads out.
	for (const [id, label] of [["by", "Udført af"],
		["evidence", "Dokumentation (link eller journalnummer)"], ["note", "Bemærkning"]]) {
		const n = await page.getByLabel(label, { exact: true }).count();
		const id2 = n === 1 ? await page.getByLabel(label, { exact: true }).getAttribute("id") : null;
		form.labelled[id] = id2 === id;
		check(id2 === id, `the field #${id} has no label "${label}"`);
	}
	check(await page.getByRole("button", { name: "Registrér som udført" }).count() === 1,
		"no button named \"Registrér som udført\"");

	// 2. As a phone shows it.
	await page.screenshot({ path: shot, fullPage: false, animations: "disabled", caret: "hide" });
	seen.screenshot = shot;

	// 3. The keyboard only: Tab through the form, type, Tab to the button,
	// Enter.
	const focused = () => page.evaluate(() => {
		const el = document.activeElement;
		const cs = el ? getComputedStyle(el) : null;
		return el ? {
			tag: el.tagName.toLowerCase(), id: el.id, text: el.innerText || "",
			outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
		} : null;
	});
	const order = [];
	for (const want of ["by", "evidence", "note"]) {
		await page.keyboard.press("Tab");
		const f = await focused();
		order.push(f.id || f.tag);
		check(f.id === want, `Tab reached ${f.tag}#${f.id}, want #${want}`);
		if (want === "by")
			await page.keyboard.type(name);
		else if (want === "evidence")
			await page.keyboard.type(evidence);
		else if (want === "note")
			await page.keyboard.type(note);
	}
	await page.keyboard.press("Tab");
	const btn = await focused();
	order.push(btn.tag);
	seen.keyboard = { order, button: btn };
	check(btn.tag === "button" && btn.text.trim() === "Registrér som udført",
		`Tab after the note reached ${JSON.stringify(btn)}, not the button`);
	check(btn.outline.startsWith("solid 3px"), `the focused button shows no outline (${btn.outline})`);
	seen.typed = {
		by: await page.locator("#by").inputValue(),
		evidence: await page.locator("#evidence").inputValue(),
		note: await page.locator("#note").inputValue(),
	};
	check(seen.typed.by === name, `the name field holds "${seen.typed.by}"`);
	check(seen.typed.evidence === evidence, `the evidence field holds "${seen.typed.evidence}"`);
	check(seen.typed.note === note, `the note field holds "${seen.typed.note}"`);

	const [post] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === "POST"),
		page.keyboard.press("Enter"),
	]);
	await page.waitForLoadState("load");
	const rh1 = (await page.locator("h1").innerText()).trim();
	const receipt = {
		status: post.status(), headers: headers(post), title: await page.title(),
		h1: rh1, text: (await page.locator("main").innerText()).replace(/\s+/g, " ").trim(),
		page: await inspect(), visible: await visible(), url: mask(page.url()),
	};
	seen.receipt = receipt;
	check(receipt.status === 200, `POST: status ${receipt.status}, want 200`);
	check(rh1 === "Registreret", `receipt h1 "${rh1}", want "Registreret"`);
	check(receipt.text.includes(`Udført af ${name}, registreret `),
		`the receipt does not say who: "${receipt.text}"`);
	check(receipt.text.includes(`Dokumentation: ${evidence}`),
		"the receipt does not repeat the evidence");
	check(cspOk(receipt.headers), `receipt Content-Security-Policy: "${receipt.headers.csp}"`);
	check(receipt.page.scripts === 0 && receipt.page.loads === 0 &&
		receipt.page.handlers.length === 0, `the receipt loads or runs something: ${JSON.stringify(receipt.page)}`);
	check(receipt.page.width[0] === 390 && receipt.page.width[1] <= 390,
		`the receipt is not laid out for 390 CSS pixels: ${receipt.page.width}`);

	// Only the page itself: GET, then the form's POST to the same URL.
	const rq = seen.requests.map((r) => `${r.method} ${r.type}${r.same ? "" : ` ${r.url}`}`);
	check(rq.join(", ") === "GET document, POST document",
		`requests: ${rq.join(", ")}; want the page's GET and the form's POST only`);
	seen.cspViolations = [...form.page.csp, ...receipt.page.csp];
	check(seen.cspViolations.length === 0, `CSP violations: ${seen.cspViolations}`);
	const bad = seen.console.filter((m) => /^error|security|policy/i.test(m));
	check(bad.length === 0, `console errors: ${bad.join(" | ")}`);
	check(seen.pageErrors.length === 0, `page errors: ${seen.pageErrors}`);
	seen.evidence = evidence;
	seen.note = note;
	seen.name = seen.typed ? seen.typed.by : "";
} catch (e) {
	problems.push(`${e.name}: ${e.message.split("\n")[0]}`);
}
clearTimeout(timer);
try { await browser.close(); } catch { /* gone already */ }
seen.ok = problems.length === 0;
seen.problems = problems;
console.log(JSON.stringify(seen));
for (const p of problems)
	console.error(`done-browser: ${p}`);
process.exit(seen.ok ? 0 : 1);
