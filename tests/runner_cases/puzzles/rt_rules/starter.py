import torch


def act(x):
    return x
