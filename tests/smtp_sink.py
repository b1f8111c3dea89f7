"""A local SMTP server for tests that need a real SMTP conversation (Python 3.11's `smtpd`).

`SmtpSink(stop_after=n)` accepts n messages and then answers the next with 421 and shuts down,
as a mail server going away in the middle of a send; `reject={address}` answers 550 to a
message for that address (a permanent failure at send time).
"""

import threading
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import asyncore
    import smtpd


class SmtpSink(smtpd.SMTPServer):
    def __init__(self, port=0, *, stop_after=None, reject=()):
        self._map = {}
        super().__init__(("127.0.0.1", port), None, map=self._map, decode_data=False)
        self.port = self.socket.getsockname()[1]
        self.stop_after = stop_after
        self.reject = set(reject)
        self.received = []  # [(recipient, raw message bytes)]
        self._running = True
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while self._running:
            asyncore.loop(timeout=0.05, count=1, map=self._map)
        asyncore.close_all(map=self._map)

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        if self.stop_after is not None and len(self.received) >= self.stop_after:
            self._running = False
            self.close()  # stop listening: the next connection is refused
            return "421 Service not available, closing transmission channel"
        if self.reject & set(rcpttos):
            return "550 No such user here"
        self.received.extend((recipient, data) for recipient in rcpttos)
        return None

    def stop(self):
        self._running = False
        self._thread.join(timeout=5)

    def recipients(self):
        return [recipient for recipient, _data in self.received]
