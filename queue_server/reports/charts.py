"""Charts for the PDF reports (matplotlib, with the bundled Thai font)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .stats import LEVELS

LEVEL_COLOURS = {5: "#1a9850", 4: "#91cf60", 3: "#fee08b", 2: "#fc8d59", 1: "#d73027"}


def section_means(report: Any) -> Callable[[Any], None]:
    def draw(ax: Any) -> None:
        labels = [r.th for r in report.sections] + ["ภาพรวม"]
        means = [float(r.summary.mean or 0) for r in report.sections] + [
            float(report.overall.mean or 0)
        ]
        bars = ax.barh(labels[::-1], means[::-1], color="#2c7fb8")
        for bar, mean in zip(bars, means[::-1], strict=True):
            ax.text(
                bar.get_width() + 0.05,
                bar.get_y() + bar.get_height() / 2,
                f"{mean:.2f}",
                va="center",
            )
        for band in report.bands:
            ax.axvline(float(band.low), color="#999999", linewidth=0.6, linestyle="--")
        ax.set_xlim(0, 5.5)
        ax.set_xlabel("ค่าเฉลี่ย (เต็ม 5)")
        ax.set_title(f"ค่าเฉลี่ยความพึงพอใจรายด้าน — {report.quarter.label_th}", fontsize=11)

    return draw


def level_shares(report: Any) -> Callable[[Any], None]:
    def draw(ax: Any) -> None:
        labels = [r.th for r in report.sections]
        left = [0.0] * len(labels)
        for level in LEVELS:
            shares = [
                100 * r.summary.by_level.get(level, 0) / r.summary.n if r.summary.n else 0.0
                for r in report.sections
            ]
            ax.barh(labels, shares, left=left, color=LEVEL_COLOURS[level], label=f"ระดับ {level}")
            left = [a + b for a, b in zip(left, shares, strict=True)]
        ax.set_xlim(0, 100)
        ax.set_xlabel("ร้อยละของคำตอบ")
        # Right under the axis, not a third of a page below it.
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=5, fontsize=8)
        ax.set_title("สัดส่วนคำตอบแต่ละระดับ (5 = มากที่สุด, 1 = น้อยที่สุด)", fontsize=11)

    return draw
