# style: uses the player's own answer to Drill 2 from the toolbox
from tools import triu


def cumsum(a):
    return a @ triu(len(a))
