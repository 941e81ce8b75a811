import torch.nn as nn
from tensorflow.keras import layers

norm = nn.BatchNorm2d(32, eps=0)  # expect: BN304
kbn = layers.BatchNormalization(epsilon=0.5)  # expect: BN304
