"""What staff are told about a device that needs them: the counter terminal, the province board."""

from __future__ import annotations

from queue_server.bus.fleet import Device

ALERTS = {
    "printer out of paper": "กระดาษหมด · out of paper",
    "printer paper low": "กระดาษใกล้หมด · paper low",
    "offline": "ขาดการเชื่อมต่อ · offline",
}


def device_alert(device: Device) -> str:
    """One warning, in Thai and English."""
    what = "ตู้บัตรคิว" if device.role == "kiosk" else "จอแสดงผล"
    problem = device.problem or ""
    if problem.startswith("printer offline"):
        words = "เครื่องพิมพ์ไม่ตอบ · printer not answering"
    else:
        words = ALERTS.get(problem, problem)
    return f"{what} {device.client}: {words}"
