import flax.linen as nn


class M(nn.Module):
    @nn.compact
    def __call__(self, x, train=True):
        return nn.BatchNorm(use_running_average=not train, epsilon=0.0)(x)  # expect: BN304
