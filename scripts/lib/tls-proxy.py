#!/usr/bin/env python3
"""A TLS-terminating proxy on loopback, for the private-CA tests (issue #18).

Listens on 127.0.0.1 (a free port, printed on the first line of stdout), completes the TLS
handshake with the certificate and key given (made by the test with the openssl CLI), and copies
bytes both ways to 127.0.0.1:TARGET_PORT (SeaweedFS's S3 gateway). It never connects anywhere
else. It exits when its stdin closes, so a test that dies does not leave it running.

usage: tls-proxy.py CERT_PEM KEY_PEM TARGET_PORT
"""
import os
import socket
import ssl
import sys
import threading


def pipe(source, sink):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, sink):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(context, client, target_port):
    try:
        tls = context.wrap_socket(client, server_side=True)
    except (ssl.SSLError, OSError):
        # The client refused the certificate: that is what some tests expect.
        client.close()
        return
    try:
        upstream = socket.create_connection(("127.0.0.1", target_port))
    except OSError:
        tls.close()
        return
    back = threading.Thread(target=pipe, args=(upstream, tls), daemon=True)
    back.start()
    pipe(tls, upstream)
    back.join()
    tls.close()
    upstream.close()


def exit_when_stdin_closes():
    sys.stdin.buffer.read()
    os._exit(0)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    cert, key, target_port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    print(listener.getsockname()[1], flush=True)
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    while True:
        client, _ = listener.accept()
        threading.Thread(target=serve, args=(context, client, target_port), daemon=True).start()


if __name__ == "__main__":
    main()
