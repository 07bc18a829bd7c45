"""Progress of a long check on a terminal: a running count with an estimate of the time left."""

import time
from collections.abc import Callable


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class Progress:
    """Calls ``write`` with "checked 120 of 800 (15%), about 2 min 10 s left" at most every
    ``every_seconds`` (and for the last item); ``step()`` after each item."""

    def __init__(
        self,
        total: int,
        write: Callable[[str], None],
        *,
        label: str = "checked",
        every_seconds: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.total, self.write, self.label = total, write, label
        self.every, self.clock = every_seconds, clock
        self.done = 0
        self.started = self._last = clock()

    def step(self, count: int = 1) -> None:
        self.done += count
        now = self.clock()
        if self.done < self.total and now - self._last < self.every:
            return
        self._last = now
        self.write(self.line(now))

    def line(self, now: float | None = None) -> str:
        now = self.clock() if now is None else now
        elapsed = now - self.started
        if not self.total:
            return f"{self.label} {self.done}"
        percent = 100 * self.done // self.total
        text = f"{self.label} {self.done} of {self.total} ({percent}%)"
        if self.done >= self.total:
            return f"{text} in {_duration(elapsed)}"
        if self.done and elapsed > 0:
            left = elapsed / self.done * (self.total - self.done)
            text += f", about {_duration(left)} left"
        return text
