import { html, raw, type SafeHtml } from '../html.js';

const STYLES = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c1c1c;background:#f3f4f6}
main{max-width:44rem;margin:0 auto;padding:1rem}main.wide{max-width:90rem}main.wide table{font-size:.9rem}.card{background:#fff;border-radius:.75rem;padding:1.25rem;margin-bottom:1rem;box-shadow:0 1px 3px #0002}
h1{font-size:1.5rem;margin:.25rem 0 1rem}h2{font-size:1.15rem;margin:0 0 .75rem}.shop{color:#555;margin:0}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.4rem .25rem;border-bottom:1px solid #e5e7eb;vertical-align:top}
td.num,th.num{text-align:right;white-space:nowrap}.totals td{border:0;font-weight:600}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}fieldset{border:0;padding:0;margin:0}legend{font-weight:600;padding:0}
.radio{display:flex;gap:1rem;flex-wrap:wrap}.radio label{font-weight:400;margin:.25rem 0;display:flex;gap:.4rem;align-items:center}
input[type=text],input[type=email],input[type=tel],select{width:100%;padding:.6rem;font:inherit;border:1px solid #9ca3af;border-radius:.4rem;background:#fff}
input[readonly]{background:#f3f4f6;color:#444}input[aria-invalid=true]{border-color:#b91c1c}
.error{color:#b91c1c;margin:.25rem 0 0;font-size:.9rem}.alert{background:#fef2f2;border:1px solid #fecaca;color:#991b1b;padding:.75rem;border-radius:.4rem}
.row{display:grid;grid-template-columns:1fr 1fr;gap:0 1rem}@media (max-width:480px){.row{grid-template-columns:1fr}th.hide,td.hide{display:none}}
button,.button{display:inline-block;margin-top:1rem;padding:.75rem 1.25rem;font:inherit;font-weight:600;border-radius:.5rem;border:2px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:#1d4ed8}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
form:has(input[name=type][value=private]:checked) .company{display:none}
.muted{color:#555;font-size:.9rem}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
`;

export function page(lang: string, title: string, body: SafeHtml, wide = false): string {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — Invoicebox</title>
<link rel="icon" href="data:,">
<style>${raw(STYLES)}</style>
</head>
<body><main class="${wide ? 'wide' : ''}">${body}</main></body>
</html>`.value;
}
