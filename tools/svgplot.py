# SPDX-License-Identifier: MIT
"""svgplot: the two chart shapes `make bench` draws, as plain SVG text.

line_chart() for a figure against a numeric x (cost against nesting depth),
bar_chart() for named figures side by side, in groups (one colour per
series). No dependencies: the output is a string to write to a .svg file.
"""
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 720, 400
LEFT, RIGHT, TOP, BOTTOM = 80, 20, 40, 90
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"]


def _nice_max(value):
    """A round axis maximum at or above value."""
    if value <= 0:
        return 1
    step = 10 ** (len(str(int(value))) - 1)
    for mult in (1, 2, 2.5, 5, 10):
        if value <= mult * step:
            return mult * step
    return 10 * step


def _frame(title, ylabel, ymax, plot):
    """The chart around @plot (its marks): background and grid under them,
    axes, title and labels over them."""
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" '
             f'height="{HEIGHT}" font-family="sans-serif" font-size="12">',
             f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>']
    grid = []
    parts.append(f'<text x="{WIDTH / 2}" y="22" text-anchor="middle" '
                 f'font-size="15">{escape(title)}</text>')
    parts.append(f'<text x="16" y="{TOP + plot_h / 2}" text-anchor="middle" '
                 f'transform="rotate(-90 16 {TOP + plot_h / 2})">'
                 f'{escape(ylabel)}</text>')
    for i in range(5):
        v = ymax * i / 4
        y = TOP + plot_h - plot_h * i / 4
        grid.append(f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" '
                    f'stroke="#ddd"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4}" text-anchor="end">'
                     f'{v:g}</text>')
    parts.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" '
                 f'y2="{TOP + plot_h}" stroke="black"/>')
    parts.append(f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" '
                 f'y2="{TOP + plot_h}" stroke="black"/>')
    parts[2:2] = grid + plot
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _legend(names, parts):
    x = LEFT
    for i, name in enumerate(names):
        colour = COLOURS[i % len(COLOURS)]
        parts.append(f'<rect x="{x}" y="{HEIGHT - 22}" width="12" height="12" '
                     f'fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="{HEIGHT - 12}">{escape(name)}</text>')
        x += 30 + 7 * len(name)


def line_chart(title, xlabel, ylabel, series):
    """series: {name: [(x, y), ...]}; x and y numbers."""
    xs = [x for pts in series.values() for x, _ in pts]
    ymax = _nice_max(max(y for pts in series.values() for _, y in pts))
    xmin, xmax = min(xs), max(xs)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = []

    def px(x):
        return LEFT + plot_w * (x - xmin) / ((xmax - xmin) or 1)

    def py(y):
        return TOP + plot_h - plot_h * y / ymax

    for x in sorted(set(xs)):
        parts.append(f'<text x="{px(x)}" y="{TOP + plot_h + 16}" '
                     f'text-anchor="middle">{x:g}</text>')
    parts.append(f'<text x="{LEFT + plot_w / 2}" y="{TOP + plot_h + 36}" '
                 f'text-anchor="middle">{escape(xlabel)}</text>')
    for i, (name, pts) in enumerate(series.items()):
        colour = COLOURS[i % len(COLOURS)]
        path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in sorted(pts))
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                     f'stroke-width="2"/>')
        for x, y in pts:
            parts.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" '
                         f'fill="{colour}"/>')
    _legend(list(series), parts)
    return _frame(title, ylabel, ymax, parts)


def bar_chart(title, ylabel, groups, series_names):
    """groups: [(label, [value per series, None for none])]."""
    values = [v for _, vals in groups for v in vals if v is not None]
    ymax = _nice_max(max(values))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group_w = plot_w / len(groups)
    bar_w = group_w * 0.8 / len(series_names)
    parts = []
    for g, (label, vals) in enumerate(groups):
        x0 = LEFT + g * group_w + group_w * 0.1
        for s, v in enumerate(vals):
            if v is None:
                continue
            h = plot_h * v / ymax
            x = x0 + s * bar_w
            parts.append(f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" '
                         f'width="{bar_w - 2:.1f}" height="{h:.1f}" '
                         f'fill="{COLOURS[s % len(COLOURS)]}"/>')
            parts.append(f'<text x="{x + bar_w / 2:.1f}" '
                         f'y="{TOP + plot_h - h - 4:.1f}" text-anchor="middle" '
                         f'font-size="10">{v:g}</text>')
        parts.append(f'<text x="{x0 + group_w * 0.4:.1f}" y="{TOP + plot_h + 16}" '
                     f'text-anchor="middle" font-size="11">{escape(label)}</text>')
    _legend(series_names, parts)
    return _frame(title, ylabel, ymax, parts)
