import flax.linen as nn


class Generator(nn.Module):
    @nn.compact
    def __call__(self, z, train: bool = True):
        x = nn.Dense(128, use_bias=False)(z)
        x = nn.BatchNorm(use_running_average=not train)(x)
        x = nn.relu(x)
        x = nn.Dense(784, use_bias=False)(x)
        x = nn.BatchNorm(use_running_average=not train)(x)  # expect: BN406
        return nn.tanh(x)


class Discriminator(nn.Module):
    @nn.compact
    def __call__(self, x, train: bool = True):
        x = nn.Dense(128)(x)
        x = nn.leaky_relu(x, 0.2)
        return nn.Dense(1)(x)
