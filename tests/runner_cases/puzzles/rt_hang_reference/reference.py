import threading


def add(a, b):
    threading.Event().wait()  # blocks forever without burning CPU, like a deadlocked worker
    return a + b
