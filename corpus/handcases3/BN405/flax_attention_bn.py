import flax.linen as nn


class Encoder(nn.Module):
    @nn.compact
    def __call__(self, x, train: bool = True):
        h = nn.SelfAttention(num_heads=4)(x)
        h = nn.BatchNorm(use_running_average=not train)(h)  # expect: BN405
        return nn.Dense(x.shape[-1])(h)
