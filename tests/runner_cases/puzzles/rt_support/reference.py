import support


def run(x):
    return support.Doubler()(x)
