from flax import linen as nn


class ConvBlock(nn.Module):
    features: int

    @nn.compact
    def __call__(self, x, training: bool):
        x = nn.Conv(self.features, kernel_size=(3, 3))(x)  # expect: BN101
        x = nn.BatchNorm(use_running_average=not training, momentum=0.9)(x)
        return nn.relu(x)


class Net(nn.Module):
    @nn.compact
    def __call__(self, x, training: bool = False):
        x = ConvBlock(32)(x, training)
        x = ConvBlock(64)(x, training)
        x = x.mean(axis=(1, 2))
        return nn.Dense(10)(x)
