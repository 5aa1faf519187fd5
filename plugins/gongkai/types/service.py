"""办事指南 by the eight public standards."""


def check(record, checker) -> None:
    data = record.data
    limit = data["time_limit"]
    if limit["promised_days"] > limit["legal_days"]:
        checker.error(("time_limit", "promised_days"),
                      f"「承诺时限」{limit['promised_days']} 个工作日超过了「法定时限」{limit['legal_days']} 个工作日：承诺时限不能长于法定时限")
    fee = data["fee"]
    if not fee["free"]:
        for key in ("standard", "basis"):
            if not fee.get(key):
                checker.error(("fee",), f"收费事项要写明{checker.label(('fee', key))}（{key}）")
