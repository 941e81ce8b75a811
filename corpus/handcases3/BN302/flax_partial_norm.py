import functools

import flax.linen as nn


class ResNetBlock(nn.Module):
    filters: int

    @nn.compact
    def __call__(self, x, train: bool = True):
        norm = functools.partial(nn.BatchNorm, use_running_average=not train, momentum=0.1, epsilon=1e-5)  # expect: BN302
        y = nn.Conv(self.filters, (3, 3), use_bias=False)(x)
        y = norm()(y)
        return nn.relu(y + x)
