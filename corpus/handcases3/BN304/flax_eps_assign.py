import flax.linen as nn


class Net(nn.Module):
    @nn.compact
    def __call__(self, x, train=False):
        x = nn.Dense(16, use_bias=False)(x)
        return nn.BatchNorm(use_running_average=not train, epsilon=0.0)(x)  # expect: BN304
