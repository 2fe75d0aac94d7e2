# Python's urllib and socket module against the host (test/linux-user/sockets-python.test.ts): an
# HTTP server on 127.0.0.1 reached by address, by a name in /etc/hosts (glibc's files path) and by
# a name only a DNS server knows (glibc's DNS path: UDP queries to the resolv.conf name server),
# a POST, a 404, a refused port, a name nobody knows. Prints only what is the same on every run.
import hashlib
import socket
import sys
import urllib.error
import urllib.request

port, closed = int(sys.argv[1]), int(sys.argv[2])


def fetch(url, data=None):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=120) as r:
            body = r.read()
            print(url, r.status, r.headers.get("Content-Type"), len(body), hashlib.sha256(body).hexdigest()[:16])
    except urllib.error.HTTPError as e:
        print(url, "HTTPError", e.code, e.read())
    except urllib.error.URLError as e:
        print(url, "URLError", type(e.reason).__name__, getattr(e.reason, "errno", None))


for host in ("127.0.0.1", "localhost", "web.test"):
    fetch(f"http://{host}:{port}/page.txt")
fetch(f"http://127.0.0.1:{port}/echo", data=bytes(range(256)) * 800)
fetch(f"http://127.0.0.1:{port}/missing")
fetch(f"http://127.0.0.1:{closed}/")
fetch(f"http://nowhere.test:{port}/")
print("getaddrinfo", sorted({ai[4] for ai in socket.getaddrinfo("web.test", port, type=socket.SOCK_STREAM)}))
print("gethostbyname", socket.gethostbyname("localhost"), socket.gethostbyname("web.test"))
try:
    socket.getaddrinfo("nowhere.test", 80)
except socket.gaierror as e:
    print("gaierror", e.errno)
