import torch


def ewc_step(params, anchor, fisher, lam, x, y, lr):
    # A first attempt: how far did each weight wander from its old home?
    # (Every weight is equally precious here... is that what Fisher says?)
    penalty = sum(((params[n] - anchor[n]) ** 2).sum() for n in params)
    # TODO: the task loss, the gradients, and the step. The parameters have not moved yet!
    new_params = {n: t.clone() for n, t in params.items()}
    return penalty, new_params
