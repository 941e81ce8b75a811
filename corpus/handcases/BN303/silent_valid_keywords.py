import torch.nn as nn
from tensorflow.keras import layers

conv = nn.Conv2d(3, 16, 3, padding="same", padding_mode="reflect", bias=False)
bn = nn.BatchNorm2d(16, eps=1e-5, momentum=0.1, affine=False, track_running_stats=False)
drop = nn.Dropout(p=0.1, inplace=True)
k_bn = layers.BatchNormalization(axis=-1, renorm=True, synchronized=False, gamma_initializer="ones")
k_dense = layers.Dense(10, use_bias=True, bias_initializer="zeros", kernel_regularizer=None)
k_conv = layers.Conv2D(8, 3, padding="same", dilation_rate=2, groups=1)
k_up = layers.UpSampling2D(size=(2, 2), interpolation="nearest")
