import support


def run(x):
    return x
