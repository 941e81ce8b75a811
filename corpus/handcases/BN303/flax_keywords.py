import flax.linen as nn


class M(nn.Module):
    @nn.compact
    def __call__(self, x, train=True):
        x = nn.Dense(16, bias=False)(x)  # expect: BN303
        x = nn.BatchNorm(use_running_average=not train, eps=1e-5)(x)  # expect: BN303
        x = nn.ConvTranspose(8, (3, 3), strides=(2, 2), padding="SAME")(x)
        return x
