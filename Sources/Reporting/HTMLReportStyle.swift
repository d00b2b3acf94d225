/// report.html's stylesheet, inline so the page is one file: readable on screen, printable on A4
/// (tables do not split rows, plots keep their width, colours survive `print-color-adjust`).
enum HTMLReportStyle {
    static let css = """
        body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222;line-height:1.4}
        h1{font-size:1.6em;margin-bottom:.3em}h2{font-size:1.25em;border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:1.6em}h3{font-size:1.05em}
        section{break-inside:avoid-page}
        table{border-collapse:collapse;margin:.5em 0;font-variant-numeric:tabular-nums}
        th,td{border:1px solid #d0d0d0;padding:3px 8px;text-align:right}th{background:#f3f3f3}td.name{text-align:left}
        tr{break-inside:avoid}tr:nth-child(even) td{background:#fafafa}
        dl.card{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;background:#f7f8fa;border:1px solid #dde;border-radius:6px;padding:12px 16px}
        dl.card dt{font-weight:600;color:#555}dl.card dd{margin:0;word-break:break-word}
        .verdict{font-size:1.15em;font-weight:700;padding:8px 12px;border-radius:6px}
        .verdict.good{background:#e6f4e6}.verdict.bad{background:#fbe7e7}
        .good{color:#1d6b1d}.bad{color:#a00}
        figure.plot{margin:1em 0}figure.plot svg{max-width:100%;height:auto}
        footer{margin-top:2em;color:#666;font-size:.9em}
        @media print{body{margin:0;max-width:none}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}figure.plot{break-inside:avoid}}
        """
}
