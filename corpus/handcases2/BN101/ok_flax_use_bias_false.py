from functools import partial
import flax.linen as nn

Conv = partial(nn.Conv, use_bias=False)


class Block(nn.Module):
    @nn.compact
    def __call__(self, x, train: bool = True):
        x = Conv(64, (3, 3))(x)
        x = nn.BatchNorm(use_running_average=not train)(x)
        x = nn.relu(x)
        x = nn.Dense(10)(x.mean(axis=(1, 2)))
        return x
