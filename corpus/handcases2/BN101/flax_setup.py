import flax.linen as nn


class Block(nn.Module):
    features: int

    def setup(self):
        self.conv = nn.Conv(self.features, (3, 3))  # expect: BN101
        self.norm = nn.BatchNorm(momentum=0.9)

    def __call__(self, x, train: bool):
        x = self.conv(x)
        x = self.norm(x, use_running_average=not train)
        return nn.relu(x)
