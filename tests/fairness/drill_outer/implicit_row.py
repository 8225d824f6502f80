# style: only a is reshaped; b broadcasts as a row by itself
def outer(a, b):
    return a[:, None] * b
