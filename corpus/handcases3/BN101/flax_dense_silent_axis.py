import flax.linen as nn


class Head(nn.Module):
    @nn.compact
    def __call__(self, x, train: bool = True):
        x = nn.Dense(256)(x)
        x = nn.gelu(x)
        x = nn.BatchNorm(use_running_average=not train)(x)
        x = nn.Dense(10)(x)
        return x
